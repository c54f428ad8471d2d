"""python -m plaid_emulator --port 5002 [--state-file PATH] [--host HOST] [--admin-secret S]"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

import uvicorn

from plaid_emulator.app import create_app
from plaid_emulator.config import EmulatorSettings


def main() -> None:
    parser = argparse.ArgumentParser(prog="plaid_emulator", description=__doc__)
    parser.add_argument("--port", type=int, default=5002)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--state-file",
        type=Path,
        default=None,
        help="JSON file that keeps items and tokens across restarts",
    )
    parser.add_argument("--client-id", default=None, help="only accept this client_id")
    parser.add_argument("--secret", default=None, help="only accept this secret")
    parser.add_argument(
        "--admin-secret",
        default=os.environ.get("PLAID_EMULATOR_ADMIN_SECRET", ""),
        help="the /emulator/ test controls need this in the X-Emulator-Admin-Secret header "
        "(default: $PLAID_EMULATOR_ADMIN_SECRET; empty leaves them open)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    credentials = [(args.client_id, args.secret)] if args.client_id and args.secret else None
    app = create_app(
        state_file=args.state_file,
        accepted_credentials=credentials,
        settings=EmulatorSettings(admin_secret=args.admin_secret),
    )
    uvicorn.run(app, host=args.host, port=args.port)


if __name__ == "__main__":
    main()
