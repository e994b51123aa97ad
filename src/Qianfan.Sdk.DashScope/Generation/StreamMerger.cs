namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// Gives every event of a stream its <see cref="GenerationChunk.Delta"/> and its whole <see cref="GenerationChunk.Text"/>
/// so far, whichever way the service sent it: with <c>incremental_output: true</c> each event carries a piece (the text
/// is their concatenation, tool calls arrive as fragments keyed by <c>index</c>, the first with the id and name, the
/// rest with <c>"id":""</c> and argument pieces); with <c>false</c> each carries everything so far (the piece is what
/// is new). One per stream.
/// </summary>
internal sealed class StreamMerger(bool cumulative)
{
    private readonly SortedDictionary<int, ToolCallParts> _calls = [];
    private GrowingText _text = new();
    private GrowingText _reasoning = new();
    private string _lastText = "";
    private string _lastReasoning = "";
    private IReadOnlyList<GenerationToolCall> _snapshot = [];

    public GenerationChunk Merge(GenerationChunk chunk)
    {
        var (delta, text) = Next(chunk.WireText, ref _text, ref _lastText);
        var (reasoningDelta, reasoning) = Next(chunk.WireReasoning, ref _reasoning, ref _lastReasoning);
        chunk.Delta = delta;
        chunk.ReasoningDelta = reasoningDelta;
        chunk.SetText(text, reasoning);
        MergeToolCalls(chunk.WireToolCalls);
        chunk.ToolCalls = _snapshot;
        return chunk;
    }

    private (string Delta, TextSoFar Text) Next(string wire, ref GrowingText buffer, ref string last)
    {
        if (!cumulative)
        {
            return (wire, buffer.Append(wire));
        }

        // Everything so far: what is new is what follows the text already seen. An event without text changes nothing
        // (the last events of a reasoning model carry no reasoning); a rewrite (text that does not continue the last)
        // starts over from the common part.
        if (wire.Length == 0)
        {
            return ("", new TextSoFar(buffer, buffer.Length));
        }

        var common = CommonPrefix(last, wire);
        if (common < last.Length)
        {
            buffer = new GrowingText();
            buffer.Append(wire[..common]);
        }

        last = wire;
        var delta = wire[common..];
        return (delta, buffer.Append(delta));
    }

    private void MergeToolCalls(IReadOnlyList<GenerationToolCall> fragments)
    {
        if (fragments.Count == 0)
        {
            return;
        }

        for (var i = 0; i < fragments.Count; i++)
        {
            var fragment = fragments[i];
            if (fragment is null)
            {
                continue;
            }

            var index = fragment.Index ?? i;
            if (cumulative || !_calls.TryGetValue(index, out var parts))
            {
                _calls[index] = parts = new ToolCallParts();
            }

            if (!string.IsNullOrEmpty(fragment.Id))
            {
                parts.Id = fragment.Id;
            }

            if (!string.IsNullOrEmpty(fragment.Type))
            {
                parts.Type = fragment.Type;
            }

            if (!string.IsNullOrEmpty(fragment.Function?.Name))
            {
                parts.Name = fragment.Function.Name;
            }

            parts.Arguments.Append(fragment.Function?.Arguments);
        }

        _snapshot = [.. _calls.Select(c => new GenerationToolCall
        {
            Index = c.Key,
            Id = c.Value.Id,
            Type = c.Value.Type,
            Function = new GenerationFunctionCall { Name = c.Value.Name, Arguments = c.Value.Arguments.ToString() },
        })];
    }

    private static int CommonPrefix(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        var i = a.AsSpan(0, length).CommonPrefixLength(b.AsSpan(0, length));

        // Never split a surrogate pair.
        return i > 0 && i < b.Length && char.IsHighSurrogate(b[i - 1]) ? i - 1 : i;
    }

    private sealed class ToolCallParts
    {
        public string? Id { get; set; }

        public string Type { get; set; } = "function";

        public string? Name { get; set; }

        public System.Text.StringBuilder Arguments { get; } = new();
    }
}
