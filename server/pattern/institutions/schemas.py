from __future__ import annotations

from pydantic import ConfigDict, Field

from pattern.kit.schemas import ResponseBody


class InstitutionRead(ResponseBody):
    """Plaid's institution object: the fields the web client shows, and the others Plaid sent."""

    model_config = ConfigDict(extra="allow")

    institution_id: str
    name: str
    url: str | None = None
    primary_color: str | None = None
    logo: str | None = Field(default=None, description="a base64-encoded PNG")


class InstitutionPage(ResponseBody):
    institutions: list[InstitutionRead]
    total: int | None
