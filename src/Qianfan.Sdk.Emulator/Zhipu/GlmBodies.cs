using System.Text.Json;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// The JSON of GLM answers: the whole reply (<c>id</c>, <c>request_id</c>, <c>created</c> in Unix seconds,
/// <c>model</c>, <c>choices[0].message</c>, <c>usage</c>), a stream chunk (<c>choices[0].delta</c>, the last one with
/// <c>finish_reason</c> and <c>usage</c>), and an asynchronous task's state.
/// </summary>
internal static class GlmBodies
{
    public static byte[] Whole(GlmAnswer answer) => ZhipuJson.Write(w =>
    {
        w.WriteStartObject();
        WriteReply(w, answer);
        w.WriteEndObject();
    });

    /// <summary>A stream chunk: a piece of <paramref name="content"/> or <paramref name="reasoning"/>, tool calls, or the finishing one.</summary>
    public static byte[] Chunk(
        GlmAnswer answer,
        string? content,
        string? reasoning,
        IReadOnlyList<(int Index, string? Id, string? Name, string Arguments)> toolCalls,
        bool finishing) => ZhipuJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", answer.Id);
        w.WriteNumber("created", answer.Created);
        w.WriteString("model", answer.Model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        if (finishing)
        {
            w.WriteString("finish_reason", answer.FinishReason);
        }

        w.WriteStartObject("delta");
        w.WriteString("role", "assistant");
        if (reasoning is not null)
        {
            w.WriteString("reasoning_content", reasoning);
        }

        if (content is not null)
        {
            w.WriteString("content", content);
        }

        if (toolCalls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            foreach (var (index, id, name, arguments) in toolCalls)
            {
                w.WriteStartObject();
                w.WriteNumber("index", index);
                if (id is not null)
                {
                    w.WriteString("id", id);
                    w.WriteString("type", "function");
                }

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

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        if (finishing)
        {
            WriteUsage(w, answer);
        }

        w.WriteEndObject();
    });

    /// <summary>A task's state: the shell while it runs or once it failed; the reply too once it has succeeded.</summary>
    public static byte[] Task(GlmTask task, string status) => ZhipuJson.Write(w =>
    {
        w.WriteStartObject();
        if (status == GlmTask.Success)
        {
            WriteReply(w, task.Answer);
            w.WriteString("task_status", status);
        }
        else
        {
            w.WriteString("id", task.Id);
            w.WriteString("request_id", task.Answer.RequestId);
            w.WriteString("model", task.Answer.Model);
            w.WriteString("task_status", status);
        }

        w.WriteEndObject();
    });

    private static void WriteReply(Utf8JsonWriter w, GlmAnswer answer)
    {
        w.WriteString("id", answer.Id);
        w.WriteString("request_id", answer.RequestId);
        w.WriteNumber("created", answer.Created);
        w.WriteString("model", answer.Model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteString("finish_reason", answer.FinishReason);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        if (answer.ToolCalls.Count > 0)
        {
            w.WriteNull("content");
        }
        else
        {
            w.WriteString("content", answer.Text);
        }

        if (answer.ReasoningPieces.Count > 0)
        {
            w.WriteString("reasoning_content", answer.Reasoning);
        }

        if (answer.ToolCalls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            for (var i = 0; i < answer.ToolCalls.Count; i++)
            {
                var call = answer.ToolCalls[i];
                w.WriteStartObject();
                w.WriteString("id", call.Id);
                w.WriteString("type", "function");
                w.WriteNumber("index", i);
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WriteString("arguments", call.Arguments);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, answer);
    }

    private static void WriteUsage(Utf8JsonWriter w, GlmAnswer answer)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", answer.InputTokens);
        w.WriteNumber("completion_tokens", answer.OutputTokens);
        w.WriteNumber("total_tokens", answer.InputTokens + answer.OutputTokens);
        w.WriteEndObject();
    }
}
