"""In-app notices: a new subscription, a price rise, a bill due soon, told once each."""
