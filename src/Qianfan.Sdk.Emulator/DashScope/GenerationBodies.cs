using System.Text.Json;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// The JSON of text-generation answers and stream events, in both formats: <c>output.text</c> and
/// <c>output.finish_reason</c> (text), <c>output.choices[0].message</c> (message); <c>finish_reason</c> is the string
/// <c>"null"</c> until the last event; <c>usage</c> is the running total.
/// </summary>
internal static class GenerationBodies
{
    /// <summary>A whole answer, or one stream event: <paramref name="text"/> and <paramref name="reasoning"/> as this body carries them.</summary>
    public static byte[] Write(
        GenerationAnswer answer,
        bool messageFormat,
        string text,
        string reasoning,
        IReadOnlyList<(int Index, string? Id, string? Name, string Arguments)> toolCalls,
        string finishReason,
        int outputTokens) => DashScopeJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("output");
        if (messageFormat)
        {
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("content", text);
            if (reasoning.Length > 0 || answer.ReasoningPieces.Count > 0)
            {
                w.WriteString("reasoning_content", reasoning);
            }

            if (toolCalls.Count > 0)
            {
                WriteToolCalls(w, toolCalls);
            }

            w.WriteEndObject();
            w.WriteNumber("index", 0);
            w.WriteString("finish_reason", finishReason);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
            w.WriteString("text", text);
        }

        w.WriteEndObject();
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", answer.InputTokens);
        w.WriteNumber("output_tokens", outputTokens);
        w.WriteNumber("total_tokens", answer.InputTokens + outputTokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", 0);
        w.WriteEndObject();
        if (answer.ReasoningTokens > 0)
        {
            w.WriteStartObject("output_tokens_details");
            w.WriteNumber("reasoning_tokens", Math.Min(answer.ReasoningTokens, outputTokens));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteString("request_id", answer.RequestId);
        w.WriteEndObject();
    });

    /// <summary>The whole answer of a one-shot call.</summary>
    public static byte[] Whole(GenerationAnswer answer, bool messageFormat) =>
        Write(answer, messageFormat, answer.Text, answer.Reasoning, [.. answer.ToolCalls.Select((c, i) => (i, (string?)c.Id, (string?)c.Name, c.Arguments))], answer.FinishReason, answer.OutputTokens);

    private static void WriteToolCalls(Utf8JsonWriter w, IReadOnlyList<(int Index, string? Id, string? Name, string Arguments)> calls)
    {
        w.WriteStartArray("tool_calls");
        foreach (var (index, id, name, arguments) in calls)
        {
            w.WriteStartObject();
            w.WriteNumber("index", index);
            w.WriteString("id", id ?? "");
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            if (name is not null)
            {
                w.WriteString("name", name);
            }

            w.WriteString("arguments", arguments);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
