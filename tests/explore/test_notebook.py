"""examples/explore.ipynb runs top to bottom in a real Jupyter kernel without errors."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOTEBOOK = EXAMPLES / "explore.ipynb"


def test_notebook_is_committed_without_outputs() -> None:
    import nbformat

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code, "the notebook has no code"
    assert all(not c.outputs and c.execution_count is None for c in code)


@pytest.mark.slow
def test_notebook_executes_top_to_bottom(tmp_path: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    client.execute()  # raises CellExecutionError naming the failing cell
    nbformat.write(notebook, tmp_path / "explore.executed.ipynb")  # artefact for a look

    outputs = ["".join(_text(o) for o in cell.outputs) for cell in notebook.cells
               if cell.cell_type == "code"]
    images = sum(1 for cell in notebook.cells if cell.cell_type == "code"
                 for o in cell.outputs if "image/png" in o.get("data", {}))
    assert images >= 3, "expected the facts, network and medal plots"
    joined = "\n".join(outputs)
    assert "pagerank" in joined and "Sifan Hassan" in joined
    assert "network.html" in joined


def _text(output: dict[str, object]) -> str:
    if output.get("output_type") == "stream":
        return str(output.get("text", ""))
    data = output.get("data", {})
    assert isinstance(data, dict)
    return str(data.get("text/plain", ""))
