class DomainError(Exception):
    """A business rule refused the action; the message is shown to the user (Indonesian)."""
