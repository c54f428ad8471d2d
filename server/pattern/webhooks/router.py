from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.requests import ClientDisconnect

from pattern.kit.deps import provided
from pattern.kit.errors import BadRequest
from pattern.webhooks.service import Webhooks

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

WebhooksDep = Annotated[Webhooks, Depends(provided(Webhooks))]


@router.post("/plaid")
async def plaid_webhook(request: Request, webhooks: WebhooksDep) -> dict[str, bool]:
    """Plaid's webhooks: the signature is verified, a delivery acts once, and the syncs it
    asks for are recorded before the answer (they run in the background)."""
    try:
        body = await request.body()
    except ClientDisconnect:
        # The sender gave up waiting (Plaid does after 10 s, and sends it again later).
        # Answered as a client error, not logged as a crash: in an overload, thousands of
        # tracebacks would only deepen it.
        raise BadRequest("The webhook's sender went away.", code="webhook_abandoned") from None
    signed = await webhooks.verify(request.headers.get("plaid-verification"), body)
    try:
        payload = json.loads(body)
    except ValueError as exc:
        raise BadRequest("Webhook body is not JSON.", code="invalid_webhook") from exc
    if not isinstance(payload, dict):
        raise BadRequest("Webhook body is not a JSON object.", code="invalid_webhook")
    await webhooks.receive(signed, payload)
    return {"received": True}
