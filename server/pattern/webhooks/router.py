from __future__ import annotations

import json

from fastapi import APIRouter, Request

from pattern.deps import ContextDep
from pattern.errors import BadRequest
from pattern.webhooks.service import handle_webhook

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.post("/plaid")
async def plaid_webhook(request: Request, context: ContextDep) -> dict[str, bool]:
    """Plaid's webhooks: the signature is verified, then the work happens in the background."""
    body = await request.body()
    await context.verifier.verify(request.headers.get("plaid-verification"), body)
    try:
        payload = json.loads(body)
    except ValueError as exc:
        raise BadRequest("Webhook body is not JSON.", code="invalid_webhook") from exc
    if not isinstance(payload, dict):
        raise BadRequest("Webhook body is not a JSON object.", code="invalid_webhook")
    context.spawn(handle_webhook(context, payload))
    return {"received": True}
