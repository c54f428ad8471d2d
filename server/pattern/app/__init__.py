"""The composition root: the app factory, its middleware, logs and command-line tools."""
