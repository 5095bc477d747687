"""The relational schema of an ER diagram and its DDL (issue 14): the textbook rules, and
the DDL of every sample executed in a real SQLite (stdlib sqlite3)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import flowdsl
from flowdsl.export.schema import schema, sql_type, to_html, to_markdown, to_sql

from conftest import ROOT

SAMPLES = Path(ROOT) / "samples"
WITH_ER = [p for p in sorted(SAMPLES.glob("*.flow")) if flowdsl.load(str(p)).model.ers]


def rels_of(text: str):
    case = flowdsl.parse(text)
    assert case.ok, case.format_diagnostics()
    return {r.name: r for r in schema(case.model.ers[0])}


def cols(rel):
    return [(c.name, c.pk, c.fk) for c in rel.columns]


def test_the_samples_with_er_diagrams():
    assert {p.name for p in WITH_ER} >= {"02-stocktake.flow", "03-bookstore.flow"}


def test_one_to_many_puts_the_foreign_key_on_the_n_side():
    r = rels_of("er x {\n  entity 班级 (班号*, 专业)\n  entity 学生 (学号*, 姓名)\n  relationship 属于: 班级 1 -- 学生 n (入班日期)\n}\n")
    assert cols(r["学生"]) == [("学号", True, None), ("姓名", False, None), ("班号", False, ("班级", "班号")),
                              ("入班日期", False, None)]
    assert cols(r["班级"]) == [("班号", True, None), ("专业", False, None)]
    assert "属于" not in r


def test_many_to_many_gets_its_own_relation_with_both_keys():
    r = rels_of("er x {\n  entity 学生 (学号*)\n  entity 课程 (课号*)\n  relationship 选修: 学生 m -- 课程 n (成绩)\n}\n")
    assert cols(r["选修"]) == [("学号", True, ("学生", "学号")), ("课号", True, ("课程", "课号")), ("成绩", False, None)]


def test_one_to_one_puts_the_key_into_one_side():
    r = rels_of("er x {\n  entity 校长 (工号*)\n  entity 学校 (校名*)\n  relationship 管理: 校长 1 -- 学校 1\n}\n")
    assert cols(r["学校"]) == [("校名", True, None), ("工号", False, ("校长", "工号"))]
    assert cols(r["校长"]) == [("工号", True, None)]


def test_weak_entity_subtype_self_relationship_and_two_keys_of_one_name():
    r = rels_of("er x {\n  entity 员工 (工号*, 姓名)\n  entity 经理 (级别)\n  isa 员工: 经理\n"
                "  entity 单 (单号*)\n  weak 行 (行号*, 数量)\n  identifying 含: 单 1 -- 行 n\n"
                "  relationship 领导: 员工 1 -- 员工 n\n  relationship 开: 员工 1 -- 单 n\n"
                "  relationship 批: 经理 1 -- 单 n\n}\n")
    assert cols(r["经理"])[0] == ("工号", True, ("员工", "工号"))
    assert cols(r["行"])[:2] == [("单号", True, ("单", "单号")), ("行号", True, None)]
    assert ("领导工号", False, ("员工", "工号")) in cols(r["员工"])
    assert ("工号", False, ("员工", "工号")) in cols(r["单"]) and ("批工号", False, ("经理", "工号")) in cols(r["单"])
    names = list(r)
    assert names.index("单") < names.index("行") and names.index("员工") < names.index("经理")


def test_markdown_underlines_keys_and_lists_foreign_keys():
    case = flowdsl.load(str(SAMPLES / "03-bookstore.flow"))
    md = to_markdown(schema(case.model.ers[0]), "书店")
    assert "- 图书(<u>书号</u>, 书名, 作者, 出版社, 分类号, 单价, 库存数量)" in md
    assert "- 购买(*<u>联系电话</u>*, *<u>书号</u>*, 收费单号, 收费日期, 数量)" in md
    assert "外码 foreign key: 书商编号 → 书商(书商编号)" in md
    html = to_html(schema(case.model.ers[0]), "书店<")
    assert "<u>书号</u>" in html and "<em><u>联系电话</u></em>" in html and "书店&lt;" in html


@pytest.mark.parametrize("path", WITH_ER, ids=lambda p: p.stem)
def test_sqlite_runs_the_ddl_of_every_sample(path):
    case = flowdsl.load(str(path))
    for er in case.model.ers:
        rels = schema(er)
        db = sqlite3.connect(":memory:")
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(to_sql(rels, "sqlite", er.title))
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY rowid")]
        assert tables == [r.name for r in rels]
        for r in rels:   # every foreign key as declared, pointing at a real table
            fks = {(row[3], row[2], row[4]) for row in db.execute(f'PRAGMA foreign_key_list("{r.name}")')}
            assert fks == {(c.name, c.fk[0], c.fk[1]) for c in r.columns if c.fk}
            pk = [row[1] for row in sorted(db.execute(f'PRAGMA table_info("{r.name}")'), key=lambda x: x[5]) if row[5]]
            assert pk == [c.name for c in r.columns if c.pk]
        db.close()


def test_sqlite_enforces_the_foreign_keys_of_the_bookstore():
    case = flowdsl.load(str(SAMPLES / "03-bookstore.flow"))
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(to_sql(schema(case.model.ers[0]), "sqlite"))
    db.execute('INSERT INTO "书商" ("书商编号") VALUES (\'S1\')')
    db.execute('INSERT INTO "采购单" ("采购单号", "书商编号") VALUES (\'P1\', \'S1\')')
    with pytest.raises(sqlite3.IntegrityError):
        db.execute('INSERT INTO "采购单" ("采购单号", "书商编号") VALUES (\'P2\', \'无此书商\')')


def test_dialects_and_types():
    case = flowdsl.load(str(SAMPLES / "03-bookstore.flow"))
    rels = schema(case.model.ers[0])
    my = to_sql(rels, "mysql")
    pg = to_sql(rels, "postgresql")
    assert "CREATE TABLE `图书` (" in my and "`单价` DECIMAL(8,2)" in my and "ENGINE=InnoDB" in my
    assert 'CREATE TABLE "图书" (' in pg and '"单价" NUMERIC(8,2)' in pg and '"收费日期" DATE' in pg
    assert '"书号" VARCHAR(13) NOT NULL' in pg
    assert sql_type("varchar(20)", "postgresql") == "VARCHAR(20)"
    assert sql_type("int); DROP TABLE x; --", "sqlite") == "TEXT"      # never copied into the DDL
    assert sql_type(None, "mysql", key=True) == "VARCHAR(64)"
    with pytest.raises(ValueError):
        to_sql(rels, "oracle")


def test_identifiers_are_quoted_in_every_dialect():
    rels = schema(flowdsl.parse("er x {\n  entity 表 (键*)\n}\n").model.ers[0])
    assert 'CREATE TABLE "表" (\n  "键" VARCHAR(64) NOT NULL' in to_sql(rels, "postgresql")
    assert "CREATE TABLE `表` (" in to_sql(rels, "mysql")


def test_schema_cli(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "flowdsl", "schema", *args], capture_output=True, text=True,
                              encoding="utf-8", timeout=120)

    r = run(str(SAMPLES / "02-stocktake.flow"))
    assert r.returncode == 0 and "- 商品(<u>商品编号</u>" in r.stdout
    out = tmp_path / "s.sql"
    r = run(str(SAMPLES / "02-stocktake.flow"), "-f", "sql", "--dialect", "postgresql", "-o", str(out))
    assert r.returncode == 0 and 'REFERENCES "员工" ("工号")' in out.read_text(encoding="utf-8")
    r = run(str(SAMPLES / "invalid" / "FD901-entity-without-key.flow"))
    assert r.returncode == 1 and "[FD901]" in r.stderr and "Traceback" not in r.stderr
    r = run(str(SAMPLES / "01-purchasing.flow"))
    assert r.returncode == 1 and "no ER diagram" in r.stderr or "没有ER图" in r.stderr
    r = run(str(SAMPLES / "02-stocktake.flow"), "无此图")
    assert r.returncode == 1 and "无此图" in r.stderr
