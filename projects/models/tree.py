"""Records that hang in a tree by a `parent` field (organisations, instruments)."""


def loop_through(record):
    """The path "A → B → A" if `record` would be its own ancestor, else None."""
    chain, seen, ancestor = [str(record)], set(), record.parent
    while ancestor is not None and ancestor.pk not in seen:
        chain.append(str(ancestor))
        if record.pk and ancestor.pk == record.pk:
            return " → ".join(chain)
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
    return None
