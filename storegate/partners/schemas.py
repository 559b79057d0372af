from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field


class OrganizationCreateIn(Schema):
    name: str = Field(max_length=120)
    website: str | None = Field(default=None, max_length=200)


class OrganizationOut(Schema):
    id: str
    name: str
    website: str
    role: str
    created_at: datetime


class MemberIn(Schema):
    email: str = Field(max_length=254)
    role: str


class MemberOut(Schema):
    id: str
    user_id: str
    email: str
    name: str
    role: str
    two_factor: bool


class MemberListOut(Schema):
    items: list[MemberOut]
    next_cursor: str | None
