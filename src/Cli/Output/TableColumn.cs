namespace Orchestrator.Cli.Output;

/// <summary>
/// A column of a <see cref="TextTable"/>. A table too wide for the terminal drops the columns with a
/// <see cref="DropRank"/> first, rank 1 before rank 2; the columns without one (what a row is about: its app, its
/// deployment, its state) always stay. Before any column goes, a column with <see cref="CutTo"/> (a state that carries
/// a long failure reason) is cut down to that width, its cells ending in an ellipsis.
/// </summary>
internal sealed record TableColumn(string Header, int? DropRank = null, int? CutTo = null)
{
    public static implicit operator TableColumn(string header) => new(header);
}
