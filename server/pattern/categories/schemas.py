from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from pattern.kit.schemas import RequestBody, ResponseBody
from pattern.models.categories import MAX_NAME


def _no_slash(name: str) -> str:
    # A category is named in the routes' paths by its name, where a "/" cannot be.
    if "/" in name:
        raise ValueError("a name cannot hold a /")
    return name


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME),
    AfterValidator(_no_slash),
]
Color = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description='"#RRGGBB"')]
Source = Literal["plaid", "own", "found"]


class CategoryCreate(RequestBody):
    name: Name
    group: str = Field(min_length=1, max_length=255, description="the group's code")
    color: Color | None = None


class GroupCreate(RequestBody):
    name: Name
    color: Color | None = None


class GroupUpdate(RequestBody):
    """Only the fields given change; `label` null gives Plaid's name back."""

    label: Name | None = None
    color: Color | None = None
    hidden: bool | None = None


class CategoryUpdate(GroupUpdate):
    group: str | None = Field(
        default=None, min_length=1, max_length=255, description="move it to this group"
    )


class CategoryMerge(RequestBody):
    into: str = Field(min_length=1, max_length=255, description="the code of the category kept")


class CategoryItem(ResponseBody):
    code: str = Field(description="what transactions, budgets, rules and filters name")
    label: str = Field(description="what the person reads")
    group: str
    color: str | None
    hidden: bool
    source: Source = Field(
        description="plaid: Plaid's; own: the person created it; found: text in use"
    )


class CategoryGroup(ResponseBody):
    code: str
    label: str
    color: str | None
    hidden: bool
    source: Source
    categories: list[CategoryItem]


class Merged(ResponseBody):
    moved: int = Field(description="transactions and parts that now name the category kept")
