from django import template

register = template.Library()


@register.filter
def pengguna(user) -> str:
    """A user's full name, or login name, or '-' when nobody."""
    if user is None:
        return "-"
    return user.get_full_name() or user.username
