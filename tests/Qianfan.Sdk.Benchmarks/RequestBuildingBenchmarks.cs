using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Qianfan.Sdk.Benchmarks.Support;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Core.Json;

namespace Qianfan.Sdk.Benchmarks;

/// <summary>
/// Goal 5: what a request costs before it is sent, for a 10-message history (5 rounds of user and assistant) plus
/// the new question — V1 wants an odd count, so 11 messages — with a system prompt and three parameters:
/// <c>ChatRequestValidator.Validate</c> and the serialization <c>ChatClient</c> does, against serializing an
/// equivalent DTO with a source-generated context writing raw UTF-8 (the same bytes the SDK must send: Chinese as
/// UTF-8, not <c>\uXXXX</c>).
/// </summary>
[MemoryDiagnoser]
public class RequestBuildingBenchmarks
{
    /// <summary>The baseline's context, writing non-ASCII text as UTF-8 as the SDK must.</summary>
    private static readonly BaselineJsonContext Utf8Baseline = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    });

    private ChatRequest _request = null!;
    private V1RequestBody _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = new ChatRequest(Clients.Model)
        {
            System = "你是一位耐心的数学老师，请用通俗易懂的语言回答学生的问题。",
            Temperature = 0.8f,
            TopP = 0.7f,
            MaxOutputTokens = 1024,
        };
        var pieces = Corpus.Pieces(5);
        for (var round = 0; round < 5; round++)
        {
            _request.Messages.Add(ChatMessage.User($"第{round + 1}个问题：{Clients.Question}"));
            _request.Messages.Add(ChatMessage.Assistant(pieces[round]));
        }

        _request.Messages.Add(ChatMessage.User("那么2加2呢?"));
        _raw = new V1RequestBody
        {
            Messages = [.. _request.Messages.Select(m => new V1Message(m.Role == ChatRole.User ? "user" : "assistant", m.Content))],
            System = _request.System,
            Temperature = _request.Temperature,
            TopP = _request.TopP,
            MaxOutputTokens = _request.MaxOutputTokens,
        };

        if (!Serialize().AsSpan().SequenceEqual(RawSerialize()))
        {
            throw new InvalidOperationException("The SDK's body and the DTO's body differ; the comparison would be void.");
        }
    }

    [Benchmark(Baseline = true, Description = "Serialize equivalent DTO (STJ source-gen, UTF-8)")]
    public byte[] RawSerialize() => JsonSerializer.SerializeToUtf8Bytes(_raw, Utf8Baseline.V1RequestBody);

    /// <summary>The same DTO with System.Text.Json's default encoder, which escapes every Chinese character as <c>\uXXXX</c>.</summary>
    public byte[] EscapedSerialize() => JsonSerializer.SerializeToUtf8Bytes(_raw, BaselineJsonContext.Default.V1RequestBody);

    [Benchmark(Description = "ChatRequestValidator.Validate")]
    public ModelSpec Validate() => ChatRequestValidator.Validate(_request, stream: false);

    [Benchmark(Description = "Serialize as ChatClient does")]
    public byte[] Serialize() =>
        JsonBody.Serialize(ChatRequestBody.From(_request, stream: false), ChatJsonContext.Default.ChatRequestBody);

    [Benchmark(Description = "Validate + serialize (CompleteAsync before sending)")]
    public byte[] ValidateAndSerialize()
    {
        ChatRequestValidator.Validate(_request, stream: false);
        return Serialize();
    }
}
