"""``flowdsl serve FOLDER``: the folder's case files listed, opened and saved, and
nothing else of the file system reachable."""

from __future__ import annotations

import os

import pytest

from serve_fixtures import served

TEXT = 'chart a {\n  unit 甲\n}\n'


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "class"
    (root / "week1").mkdir(parents=True)
    (root / "a.flow").write_text(TEXT, encoding="utf-8")
    (root / "week1" / "b.flowdsl").write_text(TEXT, encoding="utf-8")
    (root / "notes.txt").write_text("not a case", encoding="utf-8")
    (root / ".hidden.flow").write_text(TEXT, encoding="utf-8")
    (root / "gbk.flow").write_bytes("chart 采购 {\r\n  unit 采购部\r\n}\r\n".encode("gb18030"))
    secret = tmp_path / "secret.flow"
    secret.write_text("outside", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "c.flow").write_text("outside", encoding="utf-8")
    os.symlink(secret, root / "link.flow")
    os.symlink(tmp_path / "outside", root / "linked")
    return root


def test_the_list_holds_the_case_files_only(folder):
    with served(folder) as api:
        status, res = api.json("GET", "/api/files")
        assert status == 200 and res["root"] == "class"
        assert res["files"] == ["a.flow", "gbk.flow", "week1/b.flowdsl"]   # no link, hidden file, .txt
        assert api.json("GET", "/api/info")[1]["folder"] == "class"


def test_open_and_save(folder):
    with served(folder) as api:
        status, res = api.json("GET", "/api/file?path=week1/b.flowdsl")
        assert status == 200 and res["text"] == TEXT and res["path"] == "week1/b.flowdsl"
        new = TEXT.replace("甲", "乙")
        status, saved = api.json("PUT", "/api/file?path=week1/b.flowdsl", {"text": new, "base": res["version"]})
        assert status == 200 and saved["version"] != res["version"]
        assert (folder / "week1" / "b.flowdsl").read_text(encoding="utf-8") == new
        assert [p for p in os.listdir(folder / "week1") if p.startswith(".")] == []   # no temporary file left
        # a second save from the same, now stale, version is refused: the file changed since
        status, err = api.json("PUT", "/api/file?path=week1/b.flowdsl", {"text": TEXT, "base": res["version"]})
        assert status == 409 and "changed on disk" in err["error"]
        assert (folder / "week1" / "b.flowdsl").read_text(encoding="utf-8") == new


def test_saving_keeps_the_encoding_and_line_endings(folder):
    with served(folder) as api:
        _, res = api.json("GET", "/api/file?path=gbk.flow")
        assert res["text"] == "chart 采购 {\n  unit 采购部\n}\n"     # the editor sees LF
        api.json("PUT", "/api/file?path=gbk.flow", {"text": res["text"].replace("采购部", "仓库"), "base": res["version"]})
        assert (folder / "gbk.flow").read_bytes() == "chart 采购 {\r\n  unit 仓库\r\n}\r\n".encode("gb18030")


def test_a_new_case_file_may_be_saved_inside_the_folder(folder):
    with served(folder) as api:
        status, _ = api.json("PUT", "/api/file?path=week1/new.flow", {"text": TEXT})
        assert status == 200 and (folder / "week1" / "new.flow").read_text(encoding="utf-8") == TEXT
        status, _ = api.json("PUT", "/api/file?path=nofolder/new.flow", {"text": TEXT})
        assert status == 404 and not (folder / "nofolder").exists()


ESCAPES = ["../secret.flow", "%2E%2E/secret.flow", "week1/../../secret.flow", "week1/../a.flow", "./a.flow",
           "/etc/passwd", "%2Fetc%2Fhostname", "..%5Csecret.flow", "link.flow", "linked/c.flow", ".hidden.flow",
           "notes.txt", "week1", "", "a.flow%00.txt", "a.flow/", "week1//b.flowdsl"]


@pytest.mark.parametrize("path", ESCAPES)
def test_nothing_outside_the_folder_is_reachable(folder, path):
    with served(folder) as api:
        status, res = api.json("GET", "/api/file?path=" + path)
        assert status in (403, 404), res
        assert "outside" not in str(res) and "root:" not in str(res)
        status, res = api.json("PUT", "/api/file?path=" + path, {"text": "overwritten"})
        assert status in (403, 404), res
    assert (folder.parent / "secret.flow").read_text(encoding="utf-8") == "outside"
    assert (folder.parent / "outside" / "c.flow").read_text(encoding="utf-8") == "outside"
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "not a case"
    assert (folder / ".hidden.flow").read_text(encoding="utf-8") == TEXT
    assert (folder / "a.flow").read_text(encoding="utf-8") == TEXT


def test_a_file_given_alone_is_the_only_one_reachable(folder):
    with served(folder / "a.flow") as api:
        info = api.json("GET", "/api/info")[1]
        assert info["open"] == "a.flow"
        assert api.json("GET", "/api/files")[1]["files"] == ["a.flow"]
        assert api.json("GET", "/api/file?path=a.flow")[0] == 200
        assert api.json("GET", "/api/file?path=gbk.flow")[0] == 403
        assert api.json("PUT", "/api/file?path=gbk.flow", {"text": "x"})[0] == 403


def test_a_save_must_be_json_from_the_page(folder):
    with served(folder) as api:
        status, _, _ = api.request("PUT", "/api/file?path=a.flow", raw=b'{"text": "x"}',
                                   headers={"Content-Type": "text/plain"})
        assert status == 415
        status, _, _ = api.request("PUT", "/api/file?path=a.flow", {"text": "x"}, headers={"Origin": "http://evil.example"})
        assert status == 403
        assert api.json("PUT", "/api/file?path=a.flow", {"text": 5})[0] == 400
    assert (folder / "a.flow").read_text(encoding="utf-8") == TEXT


def test_cli_refuses_a_missing_path_and_warns_about_another_host(tmp_path, capsys, monkeypatch):
    from flowdsl.app import serve
    from flowdsl.app.cli import main

    assert main(["serve", str(tmp_path / "missing"), "--port", "0", "--lang", "en"]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    (tmp_path / "x.txt").write_text("x")
    assert main(["serve", str(tmp_path / "x.txt"), "--port", "0"]) == 2
    busy = serve.make_server(None, port=0)
    try:
        assert main(["serve", "--port", str(busy.port), "--lang", "en"]) == 2
        assert f"cannot listen on 127.0.0.1:{busy.port}" in capsys.readouterr().err
    finally:
        busy.server_close()

    class Fake:  # the server a non-loopback --host would give, without listening anywhere
        loopback, port, folder = False, 8123, None

        def serve_forever(self):
            raise KeyboardInterrupt

        def server_close(self):
            pass

    monkeypatch.setattr(serve, "make_server", lambda *a, **k: Fake())
    assert main(["serve", "--host", "0.0.0.0", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "warning: listening on 0.0.0.0, not on 127.0.0.1" in err and "http://127.0.0.1:8123/" in err
    with pytest.raises(SystemExit):
        main(["serve", "--port", "70000"])


def test_refusals_are_in_english_and_chinese(folder):
    with served(folder) as api:
        status, res = api.json("GET", "/api/file?path=../secret.flow")
        assert status == 403 and res["error"].startswith("only a relative path") and "相对路径" in res["error_zh"]
        _, res = api.json("GET", "/api/file?path=week1/missing.flow")
        assert "no such file" in res["error"] and "没有这个文件" in res["error_zh"]
