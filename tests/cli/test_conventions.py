"""What every command line tool is expected to have: --version, -h, shell completion."""

import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revise.cli import app

REVISE = str(Path(sys.executable).parent / "revise")


def test_version_is_the_installed_packages():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"revise {version('revise')}\n"


@pytest.mark.parametrize("args", [[], ["review"], ["import"], ["stats"], ["export"], ["doctor"], ["card"]])
def test_dash_h_is_help_for_every_command(args):
    short, long = (CliRunner().invoke(app, [*args, flag]) for flag in ("-h", "--help"))
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and "-h, --help" in short.stdout


@pytest.mark.skipif(not shutil.which("bash"), reason="needs bash")
def test_bash_completion_script_completes_commands_and_options(tmp_path):
    """The script `revise --show-completion bash` prints, loaded into a real bash, completes."""
    # typer finds the shell from the processes above revise, as when a user types it in bash
    shown = subprocess.run(["bash", "-c", f"{REVISE} --show-completion"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    script = shown.stdout
    assert "complete" in script and "_REVISE_COMPLETE" in script
    (tmp_path / "completion.sh").write_text(script)
    probe = ('source completion.sh; COMP_WORDS=(revise rev); COMP_CWORD=1; _revise_completion revise; echo "${COMPREPLY[@]}";'
             ' COMP_WORDS=(revise review --ty); COMP_CWORD=2; _revise_completion revise; echo "${COMPREPLY[@]}"')
    env = {**os.environ, "PATH": f"{Path(REVISE).parent}:{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.split("\n")[:2] == ["review", "--type"], done.stderr


def test_install_completion_writes_the_script_for_the_shell(tmp_path):
    """`revise --install-completion` run from bash, as documented (HOME is tmp_path/home in tests)."""
    home = Path(os.environ["HOME"])
    home.mkdir(exist_ok=True)
    done = subprocess.run(["bash", "-c", f"{REVISE} --install-completion"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "bash completion installed in" in done.stdout, done.stderr
    assert "_REVISE_COMPLETE" in (home / ".bash_completions" / "revise.sh").read_text()
    assert "revise.sh" in (home / ".bashrc").read_text()
