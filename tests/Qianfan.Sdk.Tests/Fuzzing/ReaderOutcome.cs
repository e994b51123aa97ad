namespace Qianfan.Sdk.Tests.Fuzzing;

/// <summary>
/// What a reader made of a body: the reply it returned (for a V2 stream, as folded and, in <see cref="Deltas"/>, as
/// the chunks' text joined), or the exception it threw after the text in <see cref="Text"/>.
/// </summary>
internal sealed record ReaderOutcome(string? Text, string? Reasoning, string? Arguments, Exception? Error, string? Deltas = null)
{
    public bool Succeeded => Error is null;
}
