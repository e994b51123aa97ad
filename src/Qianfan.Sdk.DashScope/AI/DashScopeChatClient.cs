using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.Core.AI;
using Qianfan.Sdk.DashScope.Generation;
using MEAI = Microsoft.Extensions.AI;

namespace Qianfan.Sdk.DashScope.AI;

/// <summary>
/// Qwen text generation as an <see cref="IChatClient"/>: M.E.AI's messages and options become a
/// <see cref="GenerationRequest"/> in the message format (validated by the SDK as any request), and the reply or its
/// stream comes back as M.E.AI's types with the SDK's objects as <c>RawRepresentation</c>. Streams yield each new piece
/// (incremental unless the request from <c>RawRepresentationFactory</c> asks otherwise, merged alike); tool calls are assembled from their fragments before they are yielded, usage comes once, at the end.
/// </summary>
internal sealed class DashScopeChatClient(GenerationClient client, string modelId, Uri? endpoint, DashScopeClient? root) : IChatClient
{
    private const string Api = "DashScope";

    private readonly ChatClientMetadata _metadata = new("dashscope", endpoint, modelId);

    public async Task<MEAI.ChatResponse> GetResponseAsync(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        var reply = await client.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        return ToResponse(reply, request.Model, AIMapping.ShowsReasoning(options));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<MEAI.ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        var showReasoning = AIMapping.ShowsReasoning(options);
        await foreach (var chunk in client.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var contents = new List<AIContent>();
            if (showReasoning && chunk.ReasoningDelta.Length > 0)
            {
                contents.Add(new TextReasoningContent(chunk.ReasoningDelta) { RawRepresentation = chunk });
            }

            if (chunk.Delta.Length > 0)
            {
                contents.Add(new TextContent(chunk.Delta) { RawRepresentation = chunk });
            }

            // A call's fragments are held until the answer has finished: only whole calls are yielded, and usage (a
            // running total in every event) once, at the end.
            if (chunk.IsLast)
            {
                contents.AddRange(FunctionCalls(chunk.ToolCalls, chunk.RequestId));
                if (DashScopeUsage.From(chunk.Usage) is { } usage)
                {
                    contents.Add(new UsageContent(usage) { RawRepresentation = chunk.Usage });
                }
            }

            if (contents.Count == 0)
            {
                continue;
            }

            yield return new ChatResponseUpdate(MEAI.ChatRole.Assistant, contents)
            {
                ResponseId = chunk.RequestId,
                MessageId = chunk.RequestId,
                ModelId = request.Model,
                FinishReason = AIMapping.FinishReason(chunk.FinishReason),
                RawRepresentation = chunk,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : root is not null && serviceType.IsInstanceOfType(root) ? root
            : serviceType.IsInstanceOfType(client) ? client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The adapter owns nothing: the DashScopeClient it came from owns the connections.
    }

    private GenerationRequest ToRequest(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = options?.RawRepresentationFactory?.Invoke(this) as GenerationRequest
            ?? new GenerationRequest(options?.ModelId ?? modelId);

        // Tool calls and reasoning exist only in the message format.
        request.ResultFormat = GenerationResultFormat.Message;
        ApplyOptions(request, options);

        var system = new List<string>();
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            system.Add(instructions);
        }

        var turns = new List<GenerationMessage>();
        foreach (var message in messages)
        {
            if (message.Role == MEAI.ChatRole.System)
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
            if (request.Messages.Count > 0 && request.Messages[0].Role == GenerationRole.System)
            {
                system.Insert(0, request.Messages[0].Content);
                request.Messages.RemoveAt(0);
            }

            request.Messages.Insert(0, GenerationMessage.System(string.Join("\n\n", system)));
        }

        foreach (var turn in turns)
        {
            request.Messages.Add(turn);
        }

        return request;
    }

    private static void ApplyOptions(GenerationRequest request, ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        if (options.FrequencyPenalty is not null)
        {
            throw AIMapping.Unsupported(Api, "ChatOptions.FrequencyPenalty", "text generation has presence_penalty and repetition_penalty, no frequency_penalty (set RepetitionPenalty through RawRepresentationFactory)");
        }

        if (options.ConversationId is not null || options.ContinuationToken is not null || options.AllowBackgroundResponses == true)
        {
            throw AIMapping.Unsupported(Api, "ChatOptions.ConversationId / ContinuationToken / AllowBackgroundResponses", "the service keeps no conversations; send the history");
        }

        request.Temperature ??= options.Temperature;
        request.TopP ??= options.TopP;
        request.TopK ??= options.TopK;
        request.PresencePenalty ??= options.PresencePenalty;
        request.MaxTokens ??= options.MaxOutputTokens;
        request.ParallelToolCalls ??= options.AllowMultipleToolCalls;
        if (options.Seed is { } seed)
        {
            request.Seed ??= seed is >= 0 and <= int.MaxValue
                ? (int)seed
                : throw AIMapping.Unsupported(Api, "ChatOptions.Seed", $"seed must be in [0, 2^31 - 1], was {seed}");
        }

        foreach (var stop in options.StopSequences ?? [])
        {
            request.Stop.Add(stop);
        }

        request.ResponseFormat ??= options.ResponseFormat switch
        {
            null => null,
            ChatResponseFormatText => GenerationResponseFormat.Text,
            ChatResponseFormatJson { Schema: { } schema } json => GenerationResponseFormat.ForJsonSchema(json.SchemaName ?? "response", schema, json.SchemaDescription),
            ChatResponseFormatJson => GenerationResponseFormat.JsonObject,
            _ => throw AIMapping.Unsupported(Api, $"ChatOptions.ResponseFormat ({options.ResponseFormat.GetType().Name})", "only text and JSON replies exist"),
        };

        ApplyReasoning(request, options.Reasoning);
        ApplyTools(request, options);
        AIMapping.AddExtraFields(request.AdditionalParameters, options);
    }

    /// <summary>Effort maps to the thinking switch and budget: none turns thinking off; low to extra high give it 1K to 16K tokens.</summary>
    private static void ApplyReasoning(GenerationRequest request, ReasoningOptions? reasoning)
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

    private static void ApplyTools(GenerationRequest request, ChatOptions options)
    {
        foreach (var tool in options.Tools ?? [])
        {
            switch (tool)
            {
                case AIFunctionDeclaration function:
                    request.Tools.Add(GenerationTool.ForFunction(function.Name, function.Description, function.JsonSchema));
                    break;
                case HostedWebSearchTool:
                    request.EnableSearch ??= true;
                    break;
                default:
                    throw AIMapping.Unsupported(Api, $"the tool {tool.Name} ({tool.GetType().Name})", "only functions and web search are offered");
            }
        }

        request.ToolChoice ??= options.ToolMode switch
        {
            null => null,
            NoneChatToolMode => request.Tools.Count > 0 ? "none" : null,
            AutoChatToolMode => request.Tools.Count > 0 ? "auto" : null,
            RequiredChatToolMode { RequiredFunctionName: { } name } => name,
            RequiredChatToolMode when request.Tools.Count == 1 => request.Tools[0].Function.Name,
            RequiredChatToolMode => throw AIMapping.Unsupported(Api, "ChatToolMode.RequireAny", "tool_choice is auto, none or one named function; name the function to require"),
            _ => throw AIMapping.Unsupported(Api, $"ChatOptions.ToolMode ({options.ToolMode.GetType().Name})", "only auto, none and one named function exist"),
        };
    }

    private static void AddMessage(List<GenerationMessage> turns, MEAI.ChatMessage message)
    {
        if (message.Role == MEAI.ChatRole.User)
        {
            if (message.Contents.Any(c => c is DataContent or UriContent))
            {
                throw AIMapping.Unsupported(Api, "images and files in a user message", "text generation takes text (multimodal models use another endpoint)");
            }

            turns.Add(GenerationMessage.User(AIMapping.Text(message)));
        }
        else if (message.Role == MEAI.ChatRole.Assistant)
        {
            var calls = message.Contents.OfType<FunctionCallContent>()
                .Select(c => GenerationToolCall.ForFunction(c.CallId, c.Name, AIJson.Arguments(c.Arguments)))
                .ToList();
            turns.Add(GenerationMessage.Assistant(AIMapping.Text(message), calls));
        }
        else if (message.Role == MEAI.ChatRole.Tool)
        {
            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                turns.Add(GenerationMessage.Tool(result.CallId, AIJson.Result(result.Result)));
            }
        }
        else
        {
            throw AIMapping.Unsupported(Api, $"a message with role {message.Role}", "the roles are system, user, assistant and tool");
        }
    }

    private static MEAI.ChatResponse ToResponse(GenerationResponse reply, string model, bool showReasoning)
    {
        var contents = new List<AIContent>();
        if (showReasoning && reply.ReasoningContent is { Length: > 0 } reasoning)
        {
            contents.Add(new TextReasoningContent(reasoning));
        }

        if (reply.Text.Length > 0)
        {
            contents.Add(new TextContent(reply.Text));
        }

        contents.AddRange(FunctionCalls(reply.ToolCalls, reply.RequestId));
        return new MEAI.ChatResponse(new MEAI.ChatMessage(MEAI.ChatRole.Assistant, contents) { MessageId = reply.RequestId, RawRepresentation = reply.Message })
        {
            ResponseId = reply.RequestId,
            ModelId = model,
            FinishReason = AIMapping.FinishReason(reply.FinishReason),
            Usage = DashScopeUsage.From(reply.Usage),
            RawRepresentation = reply,
        };
    }

    private static IEnumerable<AIContent> FunctionCalls(IReadOnlyList<GenerationToolCall> calls, string? responseId)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            yield return AIJson.FunctionCall(string.IsNullOrEmpty(call.Id) ? $"{responseId}-{i}" : call.Id, call.Function?.Name ?? "", call.Function?.Arguments);
        }
    }
}
