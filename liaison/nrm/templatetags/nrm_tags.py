"""Template tags of the NRM pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.template import TemplateDoesNotExist
from django.template.base import FilterExpression, Parser, Token

from liaison.core.geography import country_name
from liaison.nrm.indicators import indicator_text
from liaison.nrm.selectors.cases import HomeCases, home_cases

register = template.Library()


class IncludeIfExistsNode(template.Node):
    def __init__(self, name: FilterExpression) -> None:
        self.name = name

    def render(self, context: template.Context) -> str:
        name = self.name.resolve(context)
        try:
            partial = context.template.engine.get_template(name)  # type: ignore[union-attr]
        except TemplateDoesNotExist:
            return ""
        # Errors inside a partial that exists are not hidden: only its absence is tolerated.
        with context.push():
            return str(partial.render(context))


@register.tag
def include_if_exists(parser: Parser, token: Token) -> IncludeIfExistsNode:
    """``{% include_if_exists "nrm/includes/section_x.html" %}``: include the template with
    the current context, or nothing while no such template exists."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one template name.")
    return IncludeIfExistsNode(parser.compile_filter(bits[1]))


@register.simple_tag
def nrm_home_cases(user: Any) -> HomeCases | None:
    return home_cases(user=user)


@register.filter
def indicator_in(indicator: dict[str, Any], language: str) -> str:
    return indicator_text(indicator, language)


@register.filter
def country(code: str) -> str:
    """The country's name in the interface language (the code when unknown)."""
    return country_name(code) if code else ""
