"""A form round trip as a browser makes it: load, change one field, submit as rendered, reload.

`round_trip` checks what an owner relies on when saving a form: the one field changed was
stored, and every other field (checkbox sets included) came back exactly as it was shown.
It reads the form the way the browser submits it (FormData: checked boxes, selected options,
enabled fields only), so a value the template renders wrongly is submitted wrongly, as on a
real phone.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

READ_FORM = """form => {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (name === 'csrf_token' || name === 'nonce') continue;
    (values[name] = values[name] || []).push(String(value));
  }
  return values;
}"""


def form_values(page: Page, form: str) -> dict[str, list[str]]:
    """What submitting the form would send, field by field (the CSRF token left out)."""
    return page.locator(form).evaluate(READ_FORM)


def changed_fields(before: dict, after: dict, ignore=()) -> dict[str, tuple]:
    """Fields whose submitted values differ; an empty field and an absent one are alike (the
    server reads both as nothing)."""

    def values(form, name):
        return sorted(v for v in form.get(name, []) if v != "")

    return {
        name: (values(before, name), values(after, name))
        for name in sorted(set(before) | set(after))
        if name not in ignore and values(before, name) != values(after, name)
    }


def submit(page: Page, form: str, button: str | None = None):
    """Press the form's submit button (or the named one) and return the final response."""
    scope = page.locator(form)
    target = (
        scope.get_by_role("button", name=button, exact=True)
        if button
        else scope.locator("button[type=submit], button:not([type])").last
    )
    with page.expect_navigation() as navigation:
        target.click()
    return navigation.value


def round_trip(
    page: Page,
    url: str,
    change: Callable[[Page], None],
    *,
    form: str = "form.stack",
    stored: Callable[[], dict] | None = None,
    expect_stored: dict | None = None,
    reload_url: str | None = None,
    button: str | None = None,
    shot: str | None = None,
    ignore=(),
) -> dict:
    """Load url, apply `change` (one field), submit, reload, and check nothing else moved.

    stored() reads the record's state from the database; after saving it must equal the
    state before with only expect_stored's keys changed (to those values).
    Returns the form's values after the reload.
    """
    page.goto(url)
    before = form_values(page, form)
    db_before = stored() if stored else None
    change(page)
    wanted = form_values(page, form)
    touched = changed_fields(before, wanted)
    assert len(touched) == 1, f"the change must touch exactly one field, it touched {touched}"
    if shot:
        page.shot(f"{shot}-changed")
    response = submit(page, form, button)
    assert response.status < 400, f"saving {url} answered {response.status}: " + " | ".join(
        page.locator(".field-error").all_inner_texts()
    )
    if shot:
        page.shot(f"{shot}-saved")
    page.goto(reload_url or url)
    after = form_values(page, form)
    lost = changed_fields(wanted, after, ignore)
    assert lost == {}, f"a field did not keep the value submitted (submitted, shown after): {lost}"
    if stored:
        db_after = stored()
        expected = {**db_before, **(expect_stored or {})}
        assert db_after == expected, changed_fields(
            {k: [repr(v)] for k, v in expected.items()},
            {k: [repr(v)] for k, v in db_after.items()},
        )
    return after


def create_round_trip(
    page: Page,
    url: str,
    fill: Callable[[Page], None],
    edit_url: Callable[[], str],
    *,
    form: str = "form.stack",
    button: str | None = None,
    shot: str | None = None,
) -> dict:
    """Fill a new-record form, submit it, and find every submitted value on the record's
    edit form (what was chosen by default included)."""
    page.goto(url)
    fill(page)
    wanted = form_values(page, form)
    if shot:
        page.shot(f"{shot}-filled")
    response = submit(page, form, button)
    assert response.status < 400, f"saving {url} answered {response.status}: " + " | ".join(
        page.locator(".field-error").all_inner_texts()
    )
    page.goto(edit_url())
    after = form_values(page, form)
    lost = changed_fields(wanted, after)
    assert lost == {}, f"the new record lost a value (submitted, shown after): {lost}"
    return after
