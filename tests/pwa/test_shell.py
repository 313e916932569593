"""The shell: what the first screen loads, and what the worker keeps for offline use."""
from pathlib import Path

from inspect_app.pwa import shell


def _static(tmp_path: Path, files: dict) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_first_screen_follows_static_imports_but_not_screens_loaded_on_demand(tmp_path):
    static = _static(tmp_path, {
        "js/app.js": "import * as store from './store.js';\nimport {\n  a,\n  b,\n} from "
                     "'./ui/list.js';\nconst later = () => import('./ui/minutes.js');\n",
        "js/store.js": "export const x = 1;\n",
        "js/ui/list.js": "import { h } from './dom.js';\nexport { h as a, h as b };\n",
        "js/ui/dom.js": "export const h = 1;\n",
        "js/ui/minutes.js": "import { sign } from '../minutes/sign.js';\n",
        "js/minutes/sign.js": "export const sign = 1;\n",
    })
    assert shell.first_screen(static) == ("js/app.js", "js/store.js", "js/ui/dom.js",
                                          "js/ui/list.js")


def test_screens_opened_later_are_precached_but_not_preloaded(app, client, make_user):
    from inspect_app.org import roles

    from ..inspections.conftest import sign_in

    current = shell.current(app.static_folder)
    for later in ("js/ui/minutes.js", "js/ui/inspection.js", "js/ui/section.js", "js/visibility.js"):
        assert later in current.static and later not in current.first_screen
    assert "js/ui/list.js" in current.first_screen
    sign_in(client, make_user(roles.INSPECTOR))
    page = client.get("/app").get_data(as_text=True)
    assert 'rel="modulepreload" href="/static/js/ui/list.js"' in page
    assert "js/ui/minutes.js" not in page and "js/ui/section.js" not in page
    worker = client.get("/sw.js").get_data(as_text=True)
    assert "/static/js/ui/minutes.js" in worker and "/static/js/ui/section.js" in worker
