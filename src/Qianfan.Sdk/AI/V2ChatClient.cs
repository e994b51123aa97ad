using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.Core.AI;
using Qianfan.Sdk.Chat;
using MEAI = Microsoft.Extensions.AI;
using ChatRole = Microsoft.Extensions.AI.ChatRole;
using SdkChatMessage = Qianfan.Sdk.Chat.ChatMessage;
using SdkChatResponseFormat = Qianfan.Sdk.Chat.ChatResponseFormat;

namespace Qianfan.Sdk.AI;

/// <summary>
/// V2 chat completions as an <see cref="IChatClient"/>: M.E.AI's messages and options become a
/// <see cref="ChatCompletionRequest"/> (validated by the SDK as any request), and the reply or its stream comes back
/// as M.E.AI's types with the SDK's own objects as <c>RawRepresentation</c>. Tool calls are assembled from their
/// streamed fragments before they are yielded.
/// </summary>
internal sealed class V2ChatClient(ChatCompletionsClient client, string modelId, Uri? endpoint, QianfanClient? root) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("qianfan", endpoint, modelId);

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
        ChatCompletionAccumulator? calls = null;    // only a stream that calls tools needs its fragments assembled
        string? responseId = null;
        string? responseModel = null;
        Protocol.TokenUsage? choiceUsage = null;
        var usageYielded = false;
        await foreach (var chunk in client.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            responseId ??= chunk.Id;
            responseModel ??= chunk.Model;
            var choice = chunk.Choices.Count > 0 ? chunk.Choices[0] : null;
            if (choice?.Delta?.ToolCalls is { Count: > 0 })
            {
                (calls ??= new ChatCompletionAccumulator()).Append(chunk);
            }

            var contents = new List<AIContent>(1);
            if (showReasoning && chunk.ReasoningDelta is { Length: > 0 } reasoning)
            {
                contents.Add(new TextReasoningContent(reasoning) { RawRepresentation = chunk });
            }

            if (chunk.ContentDelta is { Length: > 0 } text)
            {
                contents.Add(new TextContent(text) { RawRepresentation = chunk });
            }

            // A call's fragments are held until the answer says it has finished: only whole calls are yielded.
            if (choice?.FinishReason is not null && calls is not null)
            {
                contents.AddRange(FunctionCalls(calls.ToolCalls, responseId));
                calls = null;
            }

            // The SDK asks for the usage-only tail (include_usage). Usage on a choice instead is reported after the
            // stream, once, so a service that sends both is not counted twice.
            if (chunk.Usage is { } tokens)
            {
                if (chunk.Choices.Count == 0 && !usageYielded)
                {
                    usageYielded = true;
                    contents.Add(new UsageContent(QianfanUsage.From(tokens)!) { RawRepresentation = tokens });
                }
                else
                {
                    choiceUsage = tokens;
                }
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
                AdditionalProperties = choice is null ? null : QianfanFlags.From(choice.NeedClearHistory, choice.BanRound, choice.Flag),
            };
        }

        // What the stream still owes: calls it never said it had finished, usage that came on a choice.
        var pendingUsage = usageYielded ? null : choiceUsage;
        if (calls is not null || pendingUsage is not null)
        {
            var contents = new List<AIContent>();
            if (calls is not null)
            {
                contents.AddRange(FunctionCalls(calls.ToolCalls, responseId));
            }

            if (pendingUsage is not null)
            {
                contents.Add(new UsageContent(QianfanUsage.From(pendingUsage)!) { RawRepresentation = pendingUsage });
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = responseModel,
                FinishReason = calls is not null ? ChatFinishReason.ToolCalls : null,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : root is not null && serviceType.IsInstanceOfType(root) ? root
            : serviceType.IsInstanceOfType(client) ? client
            : null;
    }

    public void Dispose()
    {
        // The adapter owns nothing: the QianfanClient it came from owns the connections.
    }

    private ChatCompletionRequest ToRequest(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = options?.RawRepresentationFactory?.Invoke(this) as ChatCompletionRequest
            ?? new ChatCompletionRequest(options?.ModelId ?? modelId);
        ApplyOptions(request, options);

        var system = new List<string>();
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            system.Add(instructions);
        }

        var turns = new List<SdkChatMessage>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                system.Add(AIMapping.Text(message));
            }
            else
            {
                AddMessage(turns, message);
            }
        }

        if (system.Count > 0)
        {
            var existing = request.Messages.Count > 0 && request.Messages[0].Role == Chat.ChatRole.System ? request.Messages[0].Content : null;
            if (existing is not null)
            {
                request.Messages.RemoveAt(0);
                system.Insert(0, existing);
            }

            request.Messages.Insert(0, SdkChatMessage.System(string.Join("\n\n", system)));
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
            throw AIMapping.Unsupported("Qianfan V2", "ChatOptions.TopK", "chat completions has no top_k (V1 models that take it are reached with the V1 chat client)");
        }

        if (options.ConversationId is not null || options.ContinuationToken is not null || options.AllowBackgroundResponses == true)
        {
            throw AIMapping.Unsupported("Qianfan V2", "ChatOptions.ConversationId / ContinuationToken / AllowBackgroundResponses", "the service keeps no conversations; send the history");
        }

        request.Temperature ??= options.Temperature;
        request.TopP ??= options.TopP;
        request.FrequencyPenalty ??= options.FrequencyPenalty;
        request.PresencePenalty ??= options.PresencePenalty;
        request.MaxCompletionTokens ??= options.MaxOutputTokens;
        request.ParallelToolCalls ??= options.AllowMultipleToolCalls;
        if (options.Seed is { } seed)
        {
            request.Seed ??= seed is >= int.MinValue and <= int.MaxValue
                ? (int)seed
                : throw AIMapping.Unsupported("Qianfan V2", "ChatOptions.Seed", $"seed must fit a 32-bit integer, was {seed}");
        }

        foreach (var stop in options.StopSequences ?? [])
        {
            request.Stop.Add(stop);
        }

        request.ResponseFormat ??= options.ResponseFormat switch
        {
            null => null,
            ChatResponseFormatText => SdkChatResponseFormat.Text,
            ChatResponseFormatJson { Schema: { } schema } json => SdkChatResponseFormat.ForJsonSchema(json.SchemaName ?? "response", schema, json.SchemaDescription),
            ChatResponseFormatJson => SdkChatResponseFormat.JsonObject,
            _ => throw AIMapping.Unsupported("Qianfan V2", $"ChatOptions.ResponseFormat ({options.ResponseFormat.GetType().Name})", "only text and JSON replies exist"),
        };

        ApplyReasoning(request, options.Reasoning);
        ApplyTools(request, options);
        AIMapping.AddExtraFields(request.AdditionalProperties, options);
    }

    /// <summary>Effort maps to the thinking switch and budget: none turns thinking off; low to extra high give it 1K to 16K tokens.</summary>
    private static void ApplyReasoning(ChatCompletionRequest request, ReasoningOptions? reasoning)
    {
        if (reasoning?.Effort is not { } effort)
        {
            return;
        }

        request.EnableThinking ??= effort != ReasoningEffort.None;
        request.ThinkingBudget ??= effort switch
        {
            ReasoningEffort.Low => 1024,
            ReasoningEffort.Medium => 4096,
            ReasoningEffort.High => 8192,
            ReasoningEffort.ExtraHigh => 16384,
            _ => null,
        };
    }

    private static void ApplyTools(ChatCompletionRequest request, ChatOptions options)
    {
        foreach (var tool in options.Tools ?? [])
        {
            switch (tool)
            {
                case AIFunctionDeclaration function:
                    request.Tools.Add(ChatTool.ForFunction(function.Name, function.Description, function.JsonSchema));
                    break;
                case HostedWebSearchTool:
                    request.WebSearch ??= new ChatWebSearchOptions { Enable = true };
                    break;
                default:
                    throw AIMapping.Unsupported("Qianfan V2", $"the tool {tool.Name} ({tool.GetType().Name})", "only functions and web search are offered");
            }
        }

        request.ToolChoice ??= options.ToolMode switch
        {
            null => null,
            NoneChatToolMode => "none",
            AutoChatToolMode => "auto",
            RequiredChatToolMode { RequiredFunctionName: { } name } => name,
            RequiredChatToolMode => "required",
            _ => throw AIMapping.Unsupported("Qianfan V2", $"ChatOptions.ToolMode ({options.ToolMode.GetType().Name})", "only auto, none, required and one named function exist"),
        };
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
            throw AIMapping.Unsupported("Qianfan V2", $"a message with role {message.Role}", "the roles are system, user, assistant and tool");
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
                DataContent { Uri: { } uri } data when data.HasTopLevelMediaType("image") => uri.StartsWith("data:", StringComparison.Ordinal)
                    ? ChatContentPart.FromImageData(data.Data.Span, data.MediaType)
                    : ChatContentPart.FromImageUrl(new Uri(uri)),
                UriContent uri when uri.HasTopLevelMediaType("image") => ChatContentPart.FromImageUrl(uri.Uri),
                _ => throw AIMapping.Unsupported("Qianfan V2", $"user content {content.GetType().Name}", "user messages take text and images"),
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
        var flags = choice is null ? null : QianfanFlags.From(choice.NeedClearHistory, choice.BanRound, choice.Flag);
        if (completion.SearchResults.Count > 0)
        {
            flags ??= [];
            flags["search_results"] = completion.SearchResults;
        }

        return new MEAI.ChatResponse(new MEAI.ChatMessage(ChatRole.Assistant, contents) { MessageId = completion.Id, RawRepresentation = choice?.Message })
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = AIMapping.CreatedAt(completion.Created),
            FinishReason = AIMapping.FinishReason(choice?.FinishReason),
            Usage = QianfanUsage.From(completion.Usage),
            RawRepresentation = completion,
            AdditionalProperties = flags,
        };
    }

    private static IEnumerable<AIContent> FunctionCalls(IReadOnlyList<ChatToolCall> calls, string? responseId)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            yield return AIJson.FunctionCall(call.Id ?? $"{responseId}-{i}", call.Function?.Name ?? "", call.Function?.Arguments);
        }
    }
}
