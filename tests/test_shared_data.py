"""Where tests and benches find ../shared/data: beside the checkout, beside the main checkout from a
git worktree, or where $REVISE_SHARED_DATA says."""

from bench.shared_data import shared_data


def test_found_beside_the_main_checkout_from_a_worktree_or_where_the_variable_says(tmp_path, monkeypatch):
    monkeypatch.delenv("REVISE_SHARED_DATA", raising=False)
    main, data = tmp_path / "main", tmp_path / "shared" / "data"
    (main / ".git" / "worktrees" / "topic").mkdir(parents=True)
    (main / ".git" / "worktrees" / "topic" / "commondir").write_text("../..\n")
    (worktree := tmp_path / "wt" / "topic").mkdir(parents=True)
    (worktree / ".git").write_text(f"gitdir: {main / '.git' / 'worktrees' / 'topic'}\n")
    assert shared_data(main) is None and shared_data(worktree) is None
    data.mkdir(parents=True)
    assert shared_data(main) == data and shared_data(worktree) == data
    monkeypatch.setenv("REVISE_SHARED_DATA", str(elsewhere := tmp_path / "elsewhere"))
    assert shared_data(worktree) is None  # named but missing: skip rather than look elsewhere
    elsewhere.mkdir()
    assert shared_data(worktree) == elsewhere
