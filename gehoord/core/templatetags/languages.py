"""``{{ text|localised }}``: a stored text in the page's language, or marked with the language it is in."""

from django import template

from gehoord.core.languages import localised_filter

register = template.Library()
register.filter("localised", localised_filter, is_safe=True)
