"""A Plaid Sandbox emulator that the official plaid-python SDK can talk to."""

from plaid_emulator.app import create_app
from plaid_emulator.config import EmulatorSettings

__all__ = ["EmulatorSettings", "create_app"]
