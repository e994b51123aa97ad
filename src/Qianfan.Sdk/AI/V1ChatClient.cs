using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Qianfan.Sdk.Core.AI;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Models;
using ChatRole = Microsoft.Extensions.AI.ChatRole;
using MEAI = Microsoft.Extensions.AI;
using SdkChatMessage = Qianfan.Sdk.Chat.ChatMessage;
using SdkChatResponse = Qianfan.Sdk.Chat.ChatResponse;

namespace Qianfan.Sdk.AI;

/// <summary>
/// V1 chat (<c>wenxinworkshop</c>) as an <see cref="IChatClient"/>, for a catalogued model or a custom endpoint.
/// System messages and <see cref="ChatOptions.Instructions"/> become V1's <c>system</c>; functions and their results
/// map to V1 function calling (one call per turn). An option V1 cannot honour throws a
/// <see cref="NotSupportedException"/> naming it; nothing is dropped silently.
/// </summary>
internal sealed class V1ChatClient(ChatClient client, string? model, ModelSpec? endpoint, QianfanClient? root) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("qianfan", root?.V1Endpoint, endpoint?.Name ?? model ?? ModelCatalog.DefaultModel);

    public async Task<MEAI.ChatResponse> GetResponseAsync(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        var reply = await client.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        var contents = new List<AIContent>();
        if (reply.Result.Length > 0)
        {
            contents.Add(new TextContent(reply.Result));
        }

        if (reply.FunctionCall is { } call)
        {
            contents.Add(FunctionCall(call, reply.Id));
        }

        return new MEAI.ChatResponse(new MEAI.ChatMessage(ChatRole.Assistant, contents) { MessageId = reply.Id, RawRepresentation = reply })
        {
            ResponseId = reply.Id,
            ModelId = request.Model,
            CreatedAt = AIMapping.CreatedAt(reply.Created),
            FinishReason = AIMapping.FinishReason(reply.FunctionCall is null ? reply.FinishReason : "function_call"),
            Usage = QianfanUsage.From(reply.Usage),
            RawRepresentation = reply,
            AdditionalProperties = Flags(reply),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<MEAI.ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        await foreach (var chunk in client.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var contents = new List<AIContent>();
            if (chunk.Result.Length > 0)
            {
                contents.Add(new TextContent(chunk.Result) { RawRepresentation = chunk });
            }

            if (chunk.FunctionCall is { } call)
            {
                contents.Add(FunctionCall(call, chunk.Id));
            }

            if (chunk.IsEnd && QianfanUsage.From(chunk.Usage) is { } usage)
            {
                contents.Add(new UsageContent(usage) { RawRepresentation = chunk.Usage });
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = chunk.Id,
                MessageId = chunk.Id,
                ModelId = request.Model,
                CreatedAt = AIMapping.CreatedAt(chunk.Created),
                FinishReason = chunk.IsEnd ? AIMapping.FinishReason(chunk.FunctionCall is null ? chunk.FinishReason ?? "stop" : "function_call") : null,
                RawRepresentation = chunk,
                AdditionalProperties = Flags(chunk),
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

    private ChatRequest ToRequest(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = options?.RawRepresentationFactory?.Invoke(this) as ChatRequest
            ?? (endpoint is not null && options?.ModelId is null ? new ChatRequest(endpoint) : new ChatRequest(options?.ModelId ?? model ?? ModelCatalog.DefaultModel));
        ApplyOptions(request, options);

        var system = new List<string>();
        if (request.System is { Length: > 0 } existing)
        {
            system.Add(existing);
        }

        if (options?.Instructions is { Length: > 0 } instructions)
        {
            system.Add(instructions);
        }

        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                system.Add(AIMapping.Text(message));
            }
            else
            {
                AddMessage(request, message, callNames);
            }
        }

        request.System = system.Count > 0 ? string.Join("\n\n", system) : null;
        return request;
    }

    private static void AddMessage(ChatRequest request, MEAI.ChatMessage message, Dictionary<string, string> callNames)
    {
        if (message.Contents.Any(c => c is DataContent or UriContent))
        {
            throw AIMapping.Unsupported("Qianfan V1", "images in a message", "V1 chat takes text only; use AsIChatClient on the QianfanClient (V2) with a vision model");
        }

        if (message.Role == ChatRole.User)
        {
            request.Messages.Add(SdkChatMessage.User(AIMapping.Text(message)));
        }
        else if (message.Role == ChatRole.Assistant)
        {
            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            if (calls.Count > 1)
            {
                throw AIMapping.Unsupported("Qianfan V1", "several function calls in one assistant message", "V1 function calling makes one call per turn");
            }

            ChatFunctionCall? functionCall = null;
            if (calls.Count == 1)
            {
                callNames[calls[0].CallId] = calls[0].Name;
                functionCall = new ChatFunctionCall { Name = calls[0].Name, Arguments = AIJson.Arguments(calls[0].Arguments) };
            }

            request.Messages.Add(new SdkChatMessage(Chat.ChatRole.Assistant, AIMapping.Text(message)) { FunctionCall = functionCall });
        }
        else if (message.Role == ChatRole.Tool)
        {
            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                var name = callNames.TryGetValue(result.CallId, out var called)
                    ? called
                    : throw AIMapping.Unsupported("Qianfan V1", $"a function result for call '{result.CallId}'", "V1 needs the function's name, and no earlier assistant message made that call");
                request.Messages.Add(SdkChatMessage.Function(name, AIJson.Result(result.Result)));
            }
        }
        else
        {
            throw AIMapping.Unsupported("Qianfan V1", $"a message with role {message.Role}", "the roles are system, user, assistant and tool");
        }
    }

    private static void ApplyOptions(ChatRequest request, ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        if (options.Seed is not null)
        {
            throw AIMapping.Unsupported("Qianfan V1", "ChatOptions.Seed", "V1 chat has no seed");
        }

        if (options.Reasoning is { Effort: not (null or ReasoningEffort.None) })
        {
            throw AIMapping.Unsupported("Qianfan V1", "ChatOptions.Reasoning", "V1 models do not think aloud; use a V2 thinking model (e.g. ernie-x1.1)");
        }

        if (options.AllowMultipleToolCalls == true)
        {
            throw AIMapping.Unsupported("Qianfan V1", "ChatOptions.AllowMultipleToolCalls", "V1 function calling makes one call per turn");
        }

        if (options.ConversationId is not null || options.ContinuationToken is not null || options.AllowBackgroundResponses == true)
        {
            throw AIMapping.Unsupported("Qianfan V1", "ChatOptions.ConversationId / ContinuationToken / AllowBackgroundResponses", "the service keeps no conversations; send the history");
        }

        request.Temperature ??= options.Temperature;
        request.TopP ??= options.TopP;
        request.TopK ??= options.TopK;
        request.FrequencyPenalty ??= options.FrequencyPenalty;
        request.PresencePenalty ??= options.PresencePenalty;
        request.MaxOutputTokens ??= options.MaxOutputTokens;
        foreach (var stop in options.StopSequences ?? [])
        {
            request.Stop.Add(stop);
        }

        request.ResponseFormat ??= options.ResponseFormat switch
        {
            null => null,
            ChatResponseFormatText => "text",
            ChatResponseFormatJson { Schema: not null } => throw AIMapping.Unsupported("Qianfan V1", "a JSON schema in ChatOptions.ResponseFormat", "V1 takes json_object without a schema; use V2 for json_schema"),
            ChatResponseFormatJson => "json_object",
            _ => throw AIMapping.Unsupported("Qianfan V1", $"ChatOptions.ResponseFormat ({options.ResponseFormat.GetType().Name})", "only text and json_object exist"),
        };

        ApplyTools(request, options);
        AIMapping.AddExtraFields(request.AdditionalProperties, options);
    }

    private static void ApplyTools(ChatRequest request, ChatOptions options)
    {
        if (options.ToolMode is NoneChatToolMode)
        {
            // V1 cannot forbid a call except by offering nothing to call.
            return;
        }

        foreach (var tool in options.Tools ?? [])
        {
            request.Functions.Add(tool is AIFunctionDeclaration function
                ? new ChatFunction { Name = function.Name, Description = function.Description, Parameters = function.JsonSchema }
                : throw AIMapping.Unsupported("Qianfan V1", $"the tool {tool.Name} ({tool.GetType().Name})", "V1 offers functions only"));
        }

        request.ToolChoice ??= options.ToolMode switch
        {
            null or AutoChatToolMode => null,
            RequiredChatToolMode { RequiredFunctionName: { } name } => name,
            RequiredChatToolMode when request.Functions.Count == 1 => request.Functions[0].Name,
            RequiredChatToolMode => throw AIMapping.Unsupported("Qianfan V1", "ChatToolMode.RequireAny with several functions", "V1 can force one named function only"),
            _ => throw AIMapping.Unsupported("Qianfan V1", $"ChatOptions.ToolMode ({options.ToolMode.GetType().Name})", "only auto, none and one named function exist"),
        };
    }

    private static FunctionCallContent FunctionCall(ChatFunctionCall call, string? responseId) =>
        AIJson.FunctionCall($"{responseId ?? "call"}-{call.Name}", call.Name ?? "", call.Arguments);

    private static AdditionalPropertiesDictionary? Flags(SdkChatResponse reply) => QianfanFlags.From(reply.NeedClearHistory, reply.BanRound, reply.Flag);

    private static AdditionalPropertiesDictionary? Flags(ChatChunk chunk) => QianfanFlags.From(chunk.NeedClearHistory, chunk.BanRound, chunk.Flag);
}
