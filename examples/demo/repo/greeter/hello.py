def hello(name: str) -> str:
    """Greets someone by name."""
    return f"Hello, {name}!"
