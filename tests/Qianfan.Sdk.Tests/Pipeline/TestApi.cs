using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Serialization;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Pipeline;
using Qianfan.Sdk.Core.Streaming;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// A made-up API that drives the shared pipeline with nothing of Qianfan in it, so the pipeline's tests show what the
/// pipeline does and the Qianfan tests what Qianfan's profile adds. Its answers are
/// <c>{"id","text","usage":{"input","output","total"}}</c>, its errors <c>{"error":"code","message":"…","retryable":true}</c>
/// (in any body, whatever the status), its request id is <c>X-Test-Request-Id</c>, its streams end with an item
/// marked <c>"last":true</c> or with <c>data: [END]</c>.
/// </summary>
internal sealed class TestProfile : ApiProfile
{
    public const string RequestIdHeaderName = "X-Test-Request-Id";

    /// <summary>A header the profile adds to every stream request, to show <see cref="ApiProfile.Prepare"/> is applied.</summary>
    public const string StreamHeaderName = "X-Test-Stream";

    public static TestProfile Instance { get; } = new();

    public override string ProviderName => "test-provider";

    public override string RequestIdHeader => RequestIdHeaderName;

    public override Exception? DecodeError(ReadOnlySpan<byte> body, ServiceResponse response)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var code) || code.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var message = root.TryGetProperty("message", out var m) ? m.GetString() ?? "(no message)" : "(no message)";
            var retryable = root.TryGetProperty("retryable", out var r) && r.ValueKind == JsonValueKind.True;
            return new TestApiException(code.GetString(), message, response, retryable, RetryAfter(response));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override Exception Malformed(ServiceResponse response, string message, Exception? innerException = null) =>
        new TestApiException(null, message, response, (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests, RetryAfter(response), innerException);

    public override Exception StreamEnded(int chunksReceived, ServiceResponse response, Exception? innerException = null) =>
        new TestStreamEndedException(chunksReceived, response, innerException);

    public override bool IsRetryable(Exception exception) => exception switch
    {
        TestApiException api => api.Retryable,
        TestStreamEndedException ended => ended.ChunksReceived == 0,
        _ => false,
    };

    public override TimeSpan? RetryAfter(Exception exception) => (exception as TestApiException)?.RetryAfter;

    public override string? ErrorCode(Exception exception) => (exception as TestApiException)?.Code;

    public override string? ErrorMessage(Exception exception) => (exception as TestApiException)?.ErrorMessage;

    public override void Prepare(HttpRequestMessage request, in ApiCall call)
    {
        if (call.Stream)
        {
            request.Headers.TryAddWithoutValidation(StreamHeaderName, "true");
        }
    }

    /// <summary>The test API's quota headers: requests and tokens per minute, and what is left of them.</summary>
    public override QuotaReport? ReadQuota(HttpResponseHeaders headers)
    {
        var report = new QuotaReport(Read(headers, LimitRequestsHeader), Read(headers, LimitTokensHeader), Read(headers, RemainingRequestsHeader), Read(headers, RemainingTokensHeader));
        return report.IsEmpty ? null : report;
    }

    /// <summary>The error <c>rate_limited</c> holds every request for its Retry-After, else for <see cref="RateLimitPauseTime"/>.</summary>
    public override TimeSpan? RateLimitPause(Exception exception) =>
        exception is TestApiException { Code: "rate_limited" } limited ? limited.RetryAfter ?? RateLimitPauseTime : null;

    public const string LimitRequestsHeader = "X-Test-Limit-Requests";
    public const string LimitTokensHeader = "X-Test-Limit-Tokens";
    public const string RemainingRequestsHeader = "X-Test-Remaining-Requests";
    public const string RemainingTokensHeader = "X-Test-Remaining-Tokens";

    public static readonly TimeSpan RateLimitPauseTime = TimeSpan.FromSeconds(2);

    private static int? Read(HttpResponseHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) && int.TryParse(values.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? RetryAfter(ServiceResponse response) => response.Headers.RetryAfter?.Delta;
}

/// <summary>The test API's error: its code (null for an answer it could not read), its message and its HTTP answer.</summary>
internal sealed class TestApiException : Exception
{
    public TestApiException()
        : this(null, "test API error", null, retryable: false, retryAfter: null)
    {
    }

    public TestApiException(string message)
        : this(null, message, null, retryable: false, retryAfter: null)
    {
    }

    public TestApiException(string message, Exception innerException)
        : this(null, message, null, retryable: false, retryAfter: null, innerException)
    {
    }

    public TestApiException(string? code, string message, ServiceResponse? response, bool retryable, TimeSpan? retryAfter, Exception? innerException = null)
        : base($"{code ?? "(no code)"}: {message}", innerException)
    {
        Code = code;
        ErrorMessage = message;
        Response = response;
        Retryable = retryable;
        RetryAfter = retryAfter;
    }

    public string? Code { get; }

    public string ErrorMessage { get; }

    public ServiceResponse? Response { get; }

    public bool Retryable { get; }

    public TimeSpan? RetryAfter { get; }
}

/// <summary>The test API's "stream ended before its end marker".</summary>
internal sealed class TestStreamEndedException : Exception
{
    public TestStreamEndedException()
        : this("the test stream ended early")
    {
    }

    public TestStreamEndedException(string message)
        : base(message)
    {
    }

    public TestStreamEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TestStreamEndedException(int chunksReceived, ServiceResponse response, Exception? innerException)
        : base($"the test stream ended after {chunksReceived} chunk(s)", innerException)
    {
        ChunksReceived = chunksReceived;
        Response = response;
    }

    public int ChunksReceived { get; }

    public ServiceResponse? Response { get; }
}

/// <summary>The test API's "too many callers wait for a client-side limit".</summary>
internal sealed class TestQueueFullException : Exception
{
    public TestQueueFullException()
        : this("the queue is full")
    {
    }

    public TestQueueFullException(string message)
        : base(message)
    {
    }

    public TestQueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A whole answer of the test API.</summary>
internal sealed class TestResult : ServiceResult
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("text")]
    public string Text { get; init; } = "";

    [JsonPropertyName("usage")]
    public TestUsage? Usage { get; init; }

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}

/// <summary>One piece of a test stream; <see cref="Last"/> marks the last, as V1's <c>is_end</c> does.</summary>
internal sealed class TestChunk : ServiceResult
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("text")]
    public string Text { get; init; } = "";

    [JsonPropertyName("last")]
    public bool Last { get; init; }

    [JsonPropertyName("usage")]
    public TestUsage? Usage { get; init; }

    internal override string? BodyId => Id;

    internal override UsageCounts? ReportedUsage => Usage?.Counts;
}

internal sealed record TestUsage
{
    [JsonPropertyName("input")]
    public int Input { get; init; }

    [JsonPropertyName("output")]
    public int Output { get; init; }

    [JsonPropertyName("total")]
    public int Total { get; init; }

    internal UsageCounts Counts => new(Input, Output, Total);
}

[JsonSerializable(typeof(TestResult))]
[JsonSerializable(typeof(TestChunk))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>
/// The test API's event parser: an empty event is nothing, <c>[END]</c> the end marker, a body naming <c>"error"</c> an
/// error event, anything else a chunk (invalid JSON throws, as a real parser's deserializer does).
/// </summary>
internal static class TestEvents
{
    public static readonly SseItemParser<StreamEvent<TestChunk>> Parser = static (_, data) => Parse(data);

    private static StreamEvent<TestChunk> Parse(ReadOnlySpan<byte> data)
    {
        var trimmed = data.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return default;
        }

        if (trimmed.SequenceEqual("[END]"u8))
        {
            return StreamEvent<TestChunk>.Done;
        }

        if (trimmed.IndexOf("\"error\""u8) >= 0)
        {
            return StreamEvent<TestChunk>.Error(trimmed);
        }

        var chunk = JsonSerializer.Deserialize(trimmed, TestJsonContext.Default.TestChunk);
        return chunk is null ? default : StreamEvent<TestChunk>.Of(chunk, chunk.Last);
    }
}
