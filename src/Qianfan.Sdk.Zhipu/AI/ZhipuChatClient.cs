using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.Core.AI;
using Qianfan.Sdk.Zhipu.Chat;
using MEAI = Microsoft.Extensions.AI;
using ChatRole = Microsoft.Extensions.AI.ChatRole;
using SdkChatMessage = Qianfan.Sdk.Zhipu.Chat.ChatMessage;
using SdkChatResponseFormat = Qianfan.Sdk.Zhipu.Chat.ChatResponseFormat;

namespace Qianfan.Sdk.Zhipu.AI;

/// <summary>
/// Zhipu's chat completions as an <see cref="IChatClient"/>: M.E.AI's messages and options become a
/// <see cref="ChatCompletionRequest"/> (validated by the SDK as any request), and the reply or its stream comes back as
/// M.E.AI's types with the SDK's own objects as <c>RawRepresentation</c>. The mapping rules are the other platforms':
/// reasoning as <see cref="TextReasoningContent"/> (unless <see cref="ReasoningOutput.None"/>), tool calls yielded whole
/// once assembled, usage with reasoning and cached tokens, an option the service cannot honour a
/// <see cref="NotSupportedException"/>.
/// </summary>
internal sealed class ZhipuChatClient(ChatCompletionsClient client, string modelId, Uri? endpoint, ZhipuClient? root) : IChatClient
{
    private const string Api = "Zhipu chat completions";

    private readonly ChatClientMetadata _metadata = new("zhipu", endpoint, modelId);

    public async Task<MEAI.ChatResponse> GetResponseAsync(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        var completion = await client.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        return ToResponse(completion, AIMapping.ShowsReasoning(options));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<MEAI.ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        var showReasoning = AIMapping.ShowsReasoning(options);
        var accumulator = new ChatCompletionAccumulator();
        var toolCallsYielded = false;
        await foreach (var chunk in client.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            accumulator.Append(chunk);
            var choice = chunk.Choices.Count > 0 ? chunk.Choices[0] : null;
            var contents = new List<AIContent>();
            if (showReasoning && chunk.ReasoningDelta is { Length: > 0 } reasoning)
            {
                contents.Add(new TextReasoningContent(reasoning) { RawRepresentation = chunk });
            }

            if (chunk.ContentDelta is { Length: > 0 } text)
            {
                contents.Add(new TextContent(text) { RawRepresentation = chunk });
            }

            // A call's fragments are held until the answer says it has finished: only whole calls are yielded.
            if (choice?.FinishReason is not null && !toolCallsYielded && accumulator.ToolCalls.Count > 0)
            {
                toolCallsYielded = true;
                contents.AddRange(FunctionCalls(accumulator.ToolCalls, chunk.Id));
            }

            if (ZhipuUsage.From(chunk.Usage) is { } usage)
            {
                contents.Add(new UsageContent(usage) { RawRepresentation = chunk.Usage });
            }

            if (contents.Count == 0 && choice?.FinishReason is null)
            {
                continue;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = chunk.Id,
                MessageId = chunk.Id,
                ModelId = chunk.Model,
                CreatedAt = AIMapping.CreatedAt(chunk.Created),
                FinishReason = AIMapping.FinishReason(choice?.FinishReason),
                RawRepresentation = chunk,
            };
        }

        if (!toolCallsYielded && accumulator.ToolCalls.Count > 0)
        {
            var completion = accumulator.ToCompletion();
            yield return new ChatResponseUpdate(ChatRole.Assistant, [.. FunctionCalls(accumulator.ToolCalls, completion.Id)])
            {
                ResponseId = completion.Id,
                MessageId = completion.Id,
                ModelId = completion.Model,
                FinishReason = ChatFinishReason.ToolCalls,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AIMapping.Service(serviceType, serviceKey, _metadata, this, root, client);

    public void Dispose()
    {
        // The adapter owns nothing: the ZhipuClient it came from owns the connections.
    }

    private ChatCompletionRequest ToRequest(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = options?.RawRepresentationFactory?.Invoke(this) as ChatCompletionRequest
            ?? new ChatCompletionRequest(options?.ModelId ?? modelId);
        ApplyOptions(request, options);

        var existing = request.Messages.Count > 0 && request.Messages[0].Role == Chat.ChatRole.System ? request.Messages[0] : null;
        var turns = new List<SdkChatMessage>();
        if (AIMapping.SystemText(existing?.Content, options, messages, message => AddMessage(turns, message)) is { } system)
        {
            if (existing is not null)
            {
                request.Messages.RemoveAt(0);
            }

            request.Messages.Insert(0, SdkChatMessage.System(system));
        }

        foreach (var turn in turns)
        {
            request.Messages.Add(turn);
        }

        return request;
    }

    private static void ApplyOptions(ChatCompletionRequest request, ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        if (options.TopK is not null)
        {
            throw AIMapping.Unsupported(Api, "ChatOptions.TopK", "the service has no top_k");
        }

        if (options.FrequencyPenalty is not null || options.PresencePenalty is not null)
        {
            throw AIMapping.Unsupported(Api, "ChatOptions.FrequencyPenalty / PresencePenalty", "the service has no penalties");
        }

        if (options.ConversationId is not null || options.ContinuationToken is not null || options.AllowBackgroundResponses == true)
        {
            throw AIMapping.Unsupported(Api, "ChatOptions.ConversationId / ContinuationToken / AllowBackgroundResponses", "the service keeps no conversations; send the history");
        }

        if (options.AllowMultipleToolCalls is not null)
        {
            throw AIMapping.Unsupported(Api, "ChatOptions.AllowMultipleToolCalls", "the service has no parallel_tool_calls switch");
        }

        request.Temperature ??= options.Temperature;
        request.TopP ??= options.TopP;
        request.MaxTokens ??= options.MaxOutputTokens;
        if (options.Seed is { } seed)
        {
            request.AdditionalProperties["seed"] = seed;
        }

        foreach (var stop in options.StopSequences ?? [])
        {
            request.Stop.Add(stop);
        }

        request.ResponseFormat ??= options.ResponseFormat switch
        {
            null => null,
            ChatResponseFormatText => SdkChatResponseFormat.Text,
            ChatResponseFormatJson { Schema: not null } => throw AIMapping.Unsupported(Api, "ChatOptions.ResponseFormat with a JSON schema", "the service takes json_object without a schema; describe the fields in the messages"),
            ChatResponseFormatJson => SdkChatResponseFormat.JsonObject,
            _ => throw AIMapping.Unsupported(Api, $"ChatOptions.ResponseFormat ({options.ResponseFormat.GetType().Name})", "only text and JSON replies exist"),
        };

        // Effort maps to the thinking switch: none turns it off, any other effort on (the service has no budget).
        if (options.Reasoning?.Effort is { } effort)
        {
            request.Thinking ??= effort == ReasoningEffort.None ? ChatThinking.Disabled : ChatThinking.Enabled;
        }

        ApplyTools(request, options);
        AIMapping.AddExtraFields(request.AdditionalProperties, options);
    }

    private static void ApplyTools(ChatCompletionRequest request, ChatOptions options)
    {
        switch (options.ToolMode)
        {
            case null or AutoChatToolMode:
                break;
            case NoneChatToolMode:
                // The service has only tool_choice "auto": a model offered no tools calls none.
                return;
            default:
                throw AIMapping.Unsupported(Api, $"ChatOptions.ToolMode ({options.ToolMode.GetType().Name})", "the service takes only tool_choice auto");
        }

        foreach (var tool in options.Tools ?? [])
        {
            switch (tool)
            {
                case AIFunctionDeclaration function:
                    request.Tools.Add(ChatTool.ForFunction(function.Name, function.Description, function.JsonSchema));
                    break;
                case HostedWebSearchTool:
                    request.Tools.Add(ChatTool.ForWebSearch());
                    break;
                default:
                    throw AIMapping.Unsupported(Api, $"the tool {tool.Name} ({tool.GetType().Name})", "only functions and web search are offered");
            }
        }
    }

    private static void AddMessage(List<SdkChatMessage> turns, MEAI.ChatMessage message)
    {
        if (message.Role == ChatRole.User)
        {
            turns.Add(UserMessage(message));
        }
        else if (message.Role == ChatRole.Assistant)
        {
            var calls = message.Contents.OfType<FunctionCallContent>()
                .Select(c => new ChatToolCall { Id = c.CallId, Function = new ChatFunctionCall { Name = c.Name, Arguments = AIJson.Arguments(c.Arguments) } })
                .ToList();
            turns.Add(new SdkChatMessage(Chat.ChatRole.Assistant, AIMapping.Text(message)) { ToolCalls = calls.Count > 0 ? calls : null });
        }
        else if (message.Role == ChatRole.Tool)
        {
            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                turns.Add(SdkChatMessage.Tool(result.CallId, AIJson.Result(result.Result)));
            }
        }
        else
        {
            throw AIMapping.Unsupported(Api, $"a message with role {message.Role}", "the roles are system, user, assistant and tool");
        }
    }

    private static SdkChatMessage UserMessage(MEAI.ChatMessage message)
    {
        if (!message.Contents.Any(c => c is DataContent or UriContent))
        {
            return SdkChatMessage.User(AIMapping.Text(message));
        }

        var parts = new List<ChatContentPart>();
        foreach (var content in message.Contents)
        {
            parts.Add(content switch
            {
                TextContent text => ChatContentPart.FromText(text.Text),
                DataContent data when data.HasTopLevelMediaType("image") => ChatContentPart.FromImageData(data.Data.Span),
                UriContent uri when uri.HasTopLevelMediaType("image") => ChatContentPart.FromImageUrl(uri.Uri),
                _ => throw AIMapping.Unsupported(Api, $"user content {content.GetType().Name}", "user messages take text and images"),
            });
        }

        return SdkChatMessage.User(parts);
    }

    private static MEAI.ChatResponse ToResponse(ChatCompletion completion, bool showReasoning)
    {
        var choice = completion.Choices.Count > 0 ? completion.Choices[0] : null;
        var contents = new List<AIContent>();
        if (showReasoning && completion.ReasoningContent is { Length: > 0 } reasoning)
        {
            contents.Add(new TextReasoningContent(reasoning));
        }

        if (completion.Content.Length > 0)
        {
            contents.Add(new TextContent(completion.Content));
        }

        contents.AddRange(FunctionCalls(completion.ToolCalls, completion.Id));
        AdditionalPropertiesDictionary? extra = null;
        if (completion.WebSearch.Count > 0)
        {
            extra = new AdditionalPropertiesDictionary { ["web_search"] = completion.WebSearch };
        }

        if (completion.ContentFilter.Count > 0)
        {
            extra ??= [];
            extra["content_filter"] = completion.ContentFilter;
        }

        return new MEAI.ChatResponse(new MEAI.ChatMessage(ChatRole.Assistant, contents) { MessageId = completion.Id, RawRepresentation = choice?.Message })
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = AIMapping.CreatedAt(completion.Created),
            FinishReason = AIMapping.FinishReason(choice?.FinishReason),
            Usage = ZhipuUsage.From(completion.Usage),
            RawRepresentation = completion,
            AdditionalProperties = extra,
        };
    }

    private static IEnumerable<AIContent> FunctionCalls(IReadOnlyList<ChatToolCall> calls, string? responseId)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            if (call.Type is not (null or "function"))
            {
                continue;
            }

            yield return AIJson.FunctionCall(AIMapping.CallId(call.Id, responseId, i), call.Function?.Name ?? "", call.Function?.Arguments);
        }
    }
}
