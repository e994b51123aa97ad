using System.Text.Json;
using Qianfan.Sdk.DashScope.Errors;
using Qianfan.Sdk.DashScope.Protocol;
using static Qianfan.Sdk.DashScope.Protocol.Rules;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>
/// The documented rules of a text-generation body, checked before anything is sent; each breach names the field as the
/// body spells it (<c>input.messages[2].content</c>, <c>parameters.top_p</c>) and the rule.
/// </summary>
internal static class GenerationRequestValidator
{
    /// <exception cref="DashScopeValidationException">A rule is broken.</exception>
    public static void Validate(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateInput(request);
        Range("parameters.temperature", request.Temperature, 0, 2, maxOpen: true);
        Range("parameters.top_p", request.TopP, 0, 1, minOpen: true);
        AtLeast("parameters.top_k", request.TopK, 0);
        AtLeast("parameters.seed", request.Seed, 0);
        AtLeast("parameters.max_tokens", request.MaxTokens, 1);
        Positive("parameters.repetition_penalty", request.RepetitionPenalty);
        Range("parameters.presence_penalty", request.PresencePenalty, -2, 2);
        ValidateStop(request);
        ValidateTools(request);
        ValidateResponseFormat(request);
        Range("parameters.n", request.N, 1, 4);
        Range("parameters.top_logprobs", request.TopLogprobs, 0, 5);
        if (request.TopLogprobs is not null && request.Logprobs != true)
        {
            throw Fail("parameters.top_logprobs", "parameters.top_logprobs needs parameters.logprobs: set Logprobs = true");
        }

        AtLeast("parameters.thinking_budget", request.ThinkingBudget, 1);
        if (request.EnableThinking == true && request.ResultFormat == GenerationResultFormat.Text)
        {
            throw Fail("parameters.result_format", "parameters.result_format must be message when parameters.enable_thinking is true: thinking models answer only in the message format");
        }

        if (request.EnableThinking == true && request.N is > 1)
        {
            throw Fail("parameters.n", $"parameters.n must be 1 when parameters.enable_thinking is true, was {request.N}");
        }

        ExtraParameters.Validate(request.ExtraParameters, GenerationJsonContext.Default.GenerationParametersBody, "AdditionalParameters", "parameters");
    }

    private static void ValidateInput(GenerationRequest request)
    {
        var messages = request.Messages;
        var hasPrompt = request.Prompt is not null;
        if (hasPrompt && messages.Count > 0)
        {
            throw Fail("input.prompt", "set either input.prompt or input.messages, not both: add the prompt to Messages as the last user message");
        }

        if (hasPrompt)
        {
            if (string.IsNullOrWhiteSpace(request.Prompt))
            {
                throw Fail("input.prompt", "input.prompt must not be empty");
            }

            return;
        }

        if (messages.Count == 0)
        {
            throw Fail("input", "input needs messages or a prompt: set Messages or Prompt");
        }

        IReadOnlyList<GenerationToolCall>? openCalls = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var field = $"input.messages[{i}]";
            var message = messages[i] ?? throw Fail(field, $"{field} must not be null");
            if (!Enum.IsDefined(message.Role))
            {
                throw Fail($"{field}.role", $"{field}.role must be system, user, assistant or tool, was {(int)message.Role}");
            }

            var role = Name(message.Role);
            var hasCalls = message.ToolCalls is { Count: > 0 };
            if (message.Role == GenerationRole.System && i != 0)
            {
                throw Fail($"{field}.role", $"{field}.role is system, which may only be the first message");
            }

            if (hasCalls && message.Role != GenerationRole.Assistant)
            {
                throw Fail($"{field}.tool_calls", $"{field}.tool_calls may only be on an assistant message, was on {role}");
            }

            if (message.Role == GenerationRole.Tool)
            {
                if (string.IsNullOrEmpty(message.ToolCallId))
                {
                    throw Fail($"{field}.tool_call_id", $"{field}.tool_call_id must be set on a tool message: the id of the call it answers");
                }

                if (openCalls is null || !openCalls.Any(c => c?.Id == message.ToolCallId))
                {
                    throw Fail($"{field}.tool_call_id", $"{field}.tool_call_id '{message.ToolCallId}' answers no tool call of the assistant message before it");
                }
            }
            else if (message.ToolCallId is not null)
            {
                throw Fail($"{field}.tool_call_id", $"{field}.tool_call_id may only be on a tool message, was on {role}");
            }

            if (string.IsNullOrWhiteSpace(message.Content) && !hasCalls)
            {
                throw Fail($"{field}.content", $"{field}.content must not be empty (only an assistant message that calls tools may have none)");
            }

            if (hasCalls)
            {
                for (var c = 0; c < message.ToolCalls!.Count; c++)
                {
                    var call = message.ToolCalls[c];
                    if (call is null || string.IsNullOrEmpty(call.Id) || string.IsNullOrEmpty(call.Function?.Name))
                    {
                        throw Fail($"{field}.tool_calls[{c}]", $"{field}.tool_calls[{c}] needs an id and a function name");
                    }
                }

                openCalls = message.ToolCalls;
            }
            else if (message.Role != GenerationRole.Tool)
            {
                openCalls = null;
            }
        }

        var last = messages[^1];
        if (last.Role is not (GenerationRole.User or GenerationRole.Tool))
        {
            throw Fail($"input.messages[{messages.Count - 1}].role", $"input.messages[{messages.Count - 1}].role must be user or tool: the last message is what the model answers, was {Name(last.Role)}");
        }
    }

    private static void ValidateStop(GenerationRequest request)
    {
        if (request.Stop.Count > 0 && request.StopTokens.Count > 0)
        {
            throw Fail("parameters.stop", "parameters.stop must be all strings or all token-id arrays, not both: set Stop or StopTokens");
        }

        for (var i = 0; i < request.Stop.Count; i++)
        {
            if (string.IsNullOrEmpty(request.Stop[i]))
            {
                throw Fail($"parameters.stop[{i}]", $"parameters.stop[{i}] must not be empty");
            }
        }

        for (var i = 0; i < request.StopTokens.Count; i++)
        {
            if (request.StopTokens[i] is not { Count: > 0 } ids)
            {
                throw Fail($"parameters.stop[{i}]", $"parameters.stop[{i}] must hold at least one token id");
            }

            if (ids.Any(id => id < 0))
            {
                throw Fail($"parameters.stop[{i}]", $"parameters.stop[{i}] must hold token ids of 0 or more");
            }
        }
    }

    private static void ValidateTools(GenerationRequest request)
    {
        var tools = request.Tools;
        for (var i = 0; i < tools.Count; i++)
        {
            if (tools[i]?.Function is not { Name.Length: > 0 } function || string.IsNullOrWhiteSpace(function.Name))
            {
                throw Fail($"parameters.tools[{i}].function.name", $"parameters.tools[{i}].function.name must not be empty");
            }

            if (function.Parameters is { ValueKind: not JsonValueKind.Object } schema)
            {
                throw Fail($"parameters.tools[{i}].function.parameters", $"parameters.tools[{i}].function.parameters must be a JSON Schema object, was {schema.ValueKind}");
            }
        }

        if (tools.Count > 0 && request.ResultFormat != GenerationResultFormat.Message)
        {
            throw Fail("parameters.result_format", $"parameters.result_format must be message when parameters.tools is set (tool calls exist only in that format), was {(request.ResultFormat is { } format ? Name(format) : "unset")}: set ResultFormat = GenerationResultFormat.Message");
        }

        if (tools.Count > 0 && request.N is > 1)
        {
            throw Fail("parameters.n", $"parameters.n must be 1 when parameters.tools is set, was {request.N}");
        }

        if (request.ToolChoice is { } choice)
        {
            if (tools.Count == 0)
            {
                throw Fail("parameters.tool_choice", "parameters.tool_choice needs parameters.tools");
            }

            if (choice is not ("auto" or "none") && !tools.Any(t => t?.Function.Name == choice))
            {
                throw Fail("parameters.tool_choice", $"parameters.tool_choice must be auto, none or the name of one of the tools, was '{choice}'");
            }
        }
    }

    private static void ValidateResponseFormat(GenerationRequest request)
    {
        switch (request.ResponseFormat)
        {
            case { Type: "json_object" } when !MentionsJson(request):
                throw Fail("parameters.response_format", "parameters.response_format json_object needs the word \"json\" in the prompt or a message (the service refuses it otherwise)");
            case { Type: "json_schema", JsonSchema: { } schema }:
                if (string.IsNullOrWhiteSpace(schema.Name))
                {
                    throw Fail("parameters.response_format.json_schema.name", "parameters.response_format.json_schema.name must not be empty");
                }

                if (schema.Schema.ValueKind != JsonValueKind.Object)
                {
                    throw Fail("parameters.response_format.json_schema.schema", $"parameters.response_format.json_schema.schema must be a JSON object, was {schema.Schema.ValueKind}");
                }

                break;
        }
    }

    private static bool MentionsJson(GenerationRequest request) =>
        request.Prompt?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
        || request.Messages.Any(m => m?.Content.Contains("json", StringComparison.OrdinalIgnoreCase) == true);

    internal static string Name(GenerationRole role) => role switch
    {
        GenerationRole.System => "system",
        GenerationRole.User => "user",
        GenerationRole.Assistant => "assistant",
        _ => "tool",
    };

    private static string Name(GenerationResultFormat format) => format == GenerationResultFormat.Message ? "message" : "text";
}
