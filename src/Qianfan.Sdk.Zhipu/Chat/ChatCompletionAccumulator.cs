using System.Text;
using Qianfan.Sdk.Zhipu.Protocol;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// Folds the pieces of a stream into the <see cref="ChatCompletion"/> the same request would have returned without
/// streaming: text and reasoning appended, tool calls assembled — whole calls as most models send them, fragments
/// (the id and name once, the arguments in pieces, keyed by <c>index</c>) with <c>tool_stream</c> — finish reason,
/// usage, web search results and moderation kept. Not thread-safe: one stream, one reader.
/// </summary>
public sealed class ChatCompletionAccumulator
{
    private readonly SortedDictionary<int, Choice> _choices = [];
    private readonly List<ChatWebSearchResult> _webSearch = [];
    private readonly List<ContentFilterResult> _contentFilter = [];
    private ChatCompletionChunk? _first;
    private string? _id;
    private string? _model;
    private long _created;
    private TokenUsage? _usage;

    /// <summary>Adds one piece, in the order the stream delivered it.</summary>
    public void Append(ChatCompletionChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        _first ??= chunk;
        _id ??= chunk.Id;
        _model ??= chunk.Model;
        _created = _created == 0 ? chunk.Created : _created;
        _usage = chunk.Usage ?? _usage;
        _webSearch.AddRange(chunk.WebSearch);
        _contentFilter.AddRange(chunk.ContentFilter);
        foreach (var piece in chunk.Choices)
        {
            if (piece is null)
            {
                continue;
            }

            if (!_choices.TryGetValue(piece.Index, out var choice))
            {
                _choices[piece.Index] = choice = new Choice();
            }

            choice.Append(piece);
        }
    }

    /// <summary>The first answer's text so far.</summary>
    public string Content => _choices.TryGetValue(0, out var choice) ? choice.Content.ToString() : "";

    /// <summary>The first answer's reasoning so far.</summary>
    public string ReasoningContent => _choices.TryGetValue(0, out var choice) ? choice.Reasoning.ToString() : "";

    /// <summary>The first answer's tool calls as assembled so far: complete once the stream has ended.</summary>
    public IReadOnlyList<ChatToolCall> ToolCalls => _choices.TryGetValue(0, out var choice) ? choice.ToolCalls() : [];

    /// <summary>The reply so far, as the sync call returns it; the HTTP details are the stream's.</summary>
    public ChatCompletion ToCompletion() => new()
    {
        Id = _id,
        Created = _created,
        Model = _model,
        Usage = _usage,
        WebSearch = [.. _webSearch.Distinct()],
        ContentFilter = [.. _contentFilter.Distinct()],
        Choices = [.. _choices.Select(c => c.Value.ToChoice(c.Key))],
        BodyRequestId = _first?.BodyRequestId,
        Response = _first?.Response,
    };

    /// <summary>One answer's pieces so far.</summary>
    private sealed class Choice
    {
        private readonly SortedDictionary<int, ToolCallParts> _calls = [];

        public StringBuilder Content { get; } = new();

        public StringBuilder Reasoning { get; } = new();

        private string? FinishReason { get; set; }

        public void Append(ChatCompletionChunkChoice piece)
        {
            FinishReason = piece.FinishReason ?? FinishReason;
            if (piece.Delta is not { } delta)
            {
                return;
            }

            Content.Append(delta.Content);
            Reasoning.Append(delta.ReasoningContent);
            foreach (var fragment in delta.ToolCalls ?? [])
            {
                if (fragment is null)
                {
                    continue;
                }

                var index = IndexOf(fragment);
                if (!_calls.TryGetValue(index, out var call))
                {
                    _calls[index] = call = new ToolCallParts();
                }

                call.Append(fragment);
            }
        }

        /// <summary>The call a fragment belongs to: its index; without one, the call its id names, else a new call (an id) or the last (none).</summary>
        private int IndexOf(ChatToolCall fragment)
        {
            if (fragment.Index is { } index)
            {
                return index;
            }

            foreach (var (key, call) in _calls)
            {
                if (fragment.Id is not null && call.Id == fragment.Id)
                {
                    return key;
                }
            }

            return fragment.Id is null && _calls.Count > 0 ? _calls.Keys.Max() : (_calls.Count == 0 ? 0 : _calls.Keys.Max() + 1);
        }

        public IReadOnlyList<ChatToolCall> ToolCalls() => [.. _calls.Select(c => c.Value.ToToolCall(c.Key))];

        public ChatCompletionChoice ToChoice(int index)
        {
            var toolCalls = ToolCalls();
            return new ChatCompletionChoice
            {
                Index = index,
                FinishReason = FinishReason,
                Message = new ChatMessage(ChatRole.Assistant, Content.ToString())
                {
                    ReasoningContent = Reasoning.Length > 0 ? Reasoning.ToString() : null,
                    ToolCalls = toolCalls.Count > 0 ? toolCalls : null,
                },
            };
        }
    }

    /// <summary>One tool call's fragments: id, type and name as they first come, arguments appended.</summary>
    private sealed class ToolCallParts
    {
        private readonly StringBuilder _arguments = new();
        private string? _name;
        private string? _type;

        public string? Id { get; private set; }

        public void Append(ChatToolCall fragment)
        {
            Id ??= fragment.Id;
            _type ??= fragment.Type;
            _name ??= fragment.Function?.Name;
            _arguments.Append(fragment.Function?.Arguments);
        }

        public ChatToolCall ToToolCall(int index) => new()
        {
            Id = Id,
            Type = _type ?? "function",
            Index = index,
            Function = new ChatFunctionCall { Name = _name, Arguments = _arguments.ToString() },
        };
    }
}
