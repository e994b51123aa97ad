using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly;
using Qianfan.Sdk.Core.Authorization;
using Qianfan.Sdk.Core.Limits;
using Qianfan.Sdk.Core.Reading;
using Qianfan.Sdk.Core.Streaming;

namespace Qianfan.Sdk.Core.Pipeline;

/// <summary>
/// Sends every call of one API (one per platform API, shared by all its area clients): the overall timeout, the retry
/// policy, the client-side limits, the credentials (a credential the service rejects is renewed and the request
/// repeated exactly once), the per-attempt timeout, reading the answer or its event stream, and the telemetry scope.
/// What differs per API comes from its <see cref="ApiProfile"/>.
/// </summary>
internal sealed partial class ApiPipeline
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    /// <summary>The longest a rate-limit error holds new requests: the longest window a service limits by, a minute.</summary>
    internal static readonly TimeSpan MaxRateLimitPause = TimeSpan.FromMinutes(1);

    private readonly HttpMessageInvoker _http;
    private readonly IRequestAuthorizer _authorizer;
    private readonly IClientLimiter? _limiter;
    private readonly ResiliencePipeline _retry;
    private readonly PipelineSettings _settings;
    private readonly TimeProvider _time;

    public ApiPipeline(HttpMessageInvoker http, ApiProfile profile, IRequestAuthorizer authorizer, PipelineSettings settings, IClientLimiter? limiter, TimeProvider time)
    {
        _http = http;
        Profile = profile;
        _authorizer = authorizer;
        _settings = settings;
        _limiter = limiter;
        _time = time;
        _retry = RetryPolicy.Create(settings, profile, time);
    }

    /// <summary>What this API's answers look like.</summary>
    public ApiProfile Profile { get; }

    /// <summary>Sends <paramref name="call"/> and reads its JSON answer as <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(ApiCall call, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : ServiceResult
    {
        var scope = CallScope.Start(Profile, call);
        try
        {
            var result = await AttemptAsync(new Call<T>(call, typeInfo, static (p, r, s, a, _) => p.ReadJsonAsync(r, (JsonTypeInfo<T>)s, a), cancellationToken), 1, FirstTimeout, cancellationToken).ConfigureAwait(false);
            var usage = result.ReportedUsage;
            _limiter?.RecordTokens(usage?.Total ?? 0);
            scope?.Succeeded(result.BodyId, usage);
            return result;
        }
        catch (Exception ex)
        {
            scope?.Failed(ex);
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="call"/> and yields each item of its event stream as it arrives, until the last item or
    /// the end marker; a stream cut before either throws the profile's exception after the items received. The
    /// request is sent on first iteration, and repeated (per the retry policy) only until its first item arrives.
    /// </summary>
    public IAsyncEnumerable<T> StreamAsync<T>(ApiCall call, SseItemParser<StreamEvent<T>> parser, CancellationToken cancellationToken)
        where T : ServiceResult =>
        new PipelineStream<T>(this, call, parser, cancellationToken);

    /// <summary>Opens the event stream of <paramref name="call"/>: the attempts up to its first item.</summary>
    private ValueTask<EventStream<T>> OpenStreamAsync<T>(ApiCall call, SseItemParser<StreamEvent<T>> parser, CancellationToken cancellationToken)
        where T : ServiceResult =>
        AttemptAsync(new Call<EventStream<T>>(call, parser, static (p, r, s, a, c) => EventStream<T>.OpenAsync(r, p.Profile, (SseItemParser<StreamEvent<T>>)s, p._time, p._settings.StreamIdleTimeout, a, c), cancellationToken), 1, FirstTimeout, cancellationToken);

    private TimeSpan FirstTimeout => _settings.AttemptTimeout < _settings.OverallTimeout ? _settings.AttemptTimeout : _settings.OverallTimeout;

    /// <summary>
    /// One attempt, bounded by <paramref name="timeout"/>: getting the credentials, then (after the client-side limit,
    /// which restarts the clock) the send and the answer. A rejected credential is renewed and the request repeated
    /// once. The first attempt runs outside the retry pipeline, so a call that succeeds pays nothing for it; its
    /// transient failure hands over to the pipeline, which replays it as its own first outcome. Pooled: every call
    /// runs this method, and its state machine would otherwise be a new object each time.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> AttemptAsync<TResult>(Call<TResult> call, int attempt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var logger = call.Api.Logger;
        try
        {
            using var source = new CancellationTokenSource(timeout, _time);
            using var link = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source)
                : default;
            try
            {
                for (var repeat = 1; ; repeat++)
                {
                    // The request is built before the limiter's wait so a signature's clock starts when the credential is ready.
                    using var request = new HttpRequestMessage(call.Api.Method, (Uri?)null);
                    var token = await _authorizer.AuthorizeAsync(request, call.Api.Url, source.Token).ConfigureAwait(false);
                    if (_limiter is not null)
                    {
                        await _limiter.WaitAsync(source.Token).ConfigureAwait(false);
                        source.CancelAfter(timeout);
                    }

                    if (call.Api.Body is { } body)
                    {
                        var content = new ByteArrayContent(body);
                        content.Headers.ContentType = JsonMediaType;
                        request.Content = content;
                    }

                    if (call.Api.Headers is { } headers)
                    {
                        foreach (var (name, value) in headers)
                        {
                            request.Headers.TryAddWithoutValidation(name, value);
                        }
                    }

                    ContentDecoding.AcceptCompression(request);
                    Profile.Prepare(request, call.Api);

                    // The URL may carry a credential, so it is never logged; the target is.
                    var timed = logger.IsEnabled(LogLevel.Debug);
                    var sent = timed ? _time.GetTimestamp() : 0;
                    LogSending(logger, call.Api.Method.Method, call.Api.Target, call.Api.Stream, attempt);
                    var response = await SendRequestAsync(request, source.Token).ConfigureAwait(false);
                    if (_limiter is not null && Profile.ReadQuota(response.Headers) is { } quota)
                    {
                        _limiter.Observe(quota);
                    }

                    if (timed)
                    {
                        var elapsedMs = _time.GetElapsedTime(sent).TotalMilliseconds;
                        LogAnswered(logger, call.Api.Target, (int)response.StatusCode, elapsedMs);
                    }

                    try
                    {
                        return await call.Read(this, response, call.State, source.Token, call.CallerToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (Profile.ErrorMessage(ex) is { } message)
                    {
                        var code = Profile.ErrorCode(ex) ?? "(none)";
                        LogFailed(logger, call.Api.Target, code, message);
                        if (_limiter is not null && Profile.RateLimitPause(ex) is { } pause)
                        {
                            // A Retry-After of hours (or a date days ahead) must not stop the client, or a fleet, that long.
                            _limiter.Pause(pause < MaxRateLimitPause ? pause : MaxRateLimitPause);
                        }

                        if (repeat > 1 || token is null || !_authorizer.IsRejected(ex))
                        {
                            throw;
                        }

                        if (_authorizer.Reject(token, ex) is { } final)
                        {
                            throw final;
                        }

                        LogCredentialRenewed(logger, code, call.Api.Target);
                    }
                }
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && source.IsCancellationRequested)
            {
                throw new TimeoutException($"{call.Api.Target} did not answer within {timeout.TotalSeconds:0.###} s.", ex);
            }
        }
        catch (Exception ex) when (attempt == 1 && _retry != ResiliencePipeline.Empty && !cancellationToken.IsCancellationRequested && RetryPolicy.IsTransient(Profile, ex))
        {
            return await RetryAsync(call, ex, _settings.OverallTimeout - _time.GetElapsedTime(started)).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (attempt == 1 && IsCallerCancellation(ex, cancellationToken))
        {
            throw CallerCancelled(ex, cancellationToken);
        }
    }

    /// <summary>
    /// An application's <see cref="HttpClient"/> (its own or IHttpClientFactory's) sends with its settings, default
    /// headers and handlers, answering at the headers so a stream is read as it arrives. The SDK's own stack is an
    /// invoker over its handler (<see cref="SdkHttpHandler"/>): HttpClient would link every call's token to a
    /// source shared by all calls in flight, which costs 5 % of the requests a second at 64 callers
    /// (docs/benchmarks.md).
    /// </summary>
    private Task<HttpResponseMessage> SendRequestAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _http is HttpClient client
            ? client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            : _http.SendAsync(request, cancellationToken);

    /// <summary>Runs the retry pipeline after the first attempt failed with <paramref name="failure"/>, within <paramref name="remaining"/>.</summary>
    private async Task<TResult> RetryAsync<TResult>(Call<TResult> call, Exception failure, TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero)
        {
            throw OverallTimeout(call.Api.Target, failure);
        }

        var cancellationToken = call.CallerToken;
        using var overall = new CancellationTokenSource(remaining, _time);
        using var link = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), overall)
            : default;
        var context = ResilienceContextPool.Shared.Get(overall.Token);
        context.Properties.Set(RetryPolicy.TargetKey, call.Api.Target);
        context.Properties.Set(RetryPolicy.LoggerKey, call.Api.Logger);
        try
        {
            return await _retry.ExecuteAsync(static (ctx, r) => r.NextAsync(ctx.CancellationToken), context, new Retries<TResult>(this, call, failure)).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && overall.IsCancellationRequested)
        {
            throw OverallTimeout(call.Api.Target, ex);
        }
        catch (OperationCanceledException ex) when (IsCallerCancellation(ex, cancellationToken))
        {
            throw CallerCancelled(ex, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Reads a whole JSON answer: an error envelope in any body is the profile's exception, never a result.</summary>
    private async ValueTask<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken attemptToken)
        where T : ServiceResult
    {
        using (response)
        {
            return await BodyReader.ReadAsync(response, (this, response, typeInfo), static (body, s) => s.Item1.Parse(body, s.response, s.typeInfo), attemptToken).ConfigureAwait(false);
        }
    }

    private T Parse<T>(ReadOnlySpan<byte> body, HttpResponseMessage response, JsonTypeInfo<T> typeInfo)
        where T : ServiceResult
    {
        var details = new ServiceResponse(response.StatusCode, response.Headers, RequestIdHeader(response));
        if (Profile.DecodeError(body, details) is { } error)
        {
            throw error;
        }

        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{')
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            throw Profile.Malformed(details, $"the service answered HTTP {(int)response.StatusCode} with a {mediaType} body that is not JSON ({body.Length} bytes)");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw Profile.Malformed(details, $"the service answered HTTP {(int)response.StatusCode} without an error code");
        }

        T? result;
        try
        {
            result = JsonSerializer.Deserialize(trimmed, typeInfo);
        }
        catch (JsonException ex)
        {
            throw Profile.Malformed(details, "the service's answer is not valid JSON", ex);
        }

        if (result is null)
        {
            throw Profile.Malformed(details, "the service answered an empty JSON body");
        }

        result.Response = details.RequestId is null && result.BodyId is { } id ? new ServiceResponse(details.StatusCode, details.Headers, id) : details;
        return result;
    }

    private string? RequestIdHeader(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues(Profile.RequestIdHeader, out var values) ? values.ToString() : null;

    private static bool IsCallerCancellation(OperationCanceledException ex, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken;

    /// <summary>Reports the caller's own token, as HttpClient does, not the SDK's linked one.</summary>
    private static OperationCanceledException CallerCancelled(OperationCanceledException ex, CancellationToken cancellationToken) =>
        new(ex.Message, ex, cancellationToken);

    private TimeoutException OverallTimeout(string target, Exception? inner) =>
        new($"The call to {target} did not succeed within the overall timeout of {_settings.OverallTimeout.TotalSeconds:0.###} s.", inner);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Operation} (stream: {Stream}, attempt {Attempt})")]
    private static partial void LogSending(ILogger logger, string method, string operation, bool stream, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Operation} answered HTTP {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string operation, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} failed with error {ErrorCode}: {ErrorMessage}")]
    private static partial void LogFailed(ILogger logger, string operation, string errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "The service rejected the credential (error {ErrorCode}) on {Operation}; renewed it, repeating once")]
    private static partial void LogCredentialRenewed(ILogger logger, string errorCode, string operation);

    /// <summary>What one call sends and how its answer is read; a struct, so a call that succeeds at once allocates nothing for it.</summary>
    private readonly struct Call<TResult>(
        ApiCall api,
        object state,
        Func<ApiPipeline, HttpResponseMessage, object, CancellationToken, CancellationToken, ValueTask<TResult>> read,
        CancellationToken callerToken)
    {
        public ApiCall Api { get; } = api;

        public object State { get; } = state;

        public Func<ApiPipeline, HttpResponseMessage, object, CancellationToken, CancellationToken, ValueTask<TResult>> Read { get; } = read;

        public CancellationToken CallerToken { get; } = callerToken;
    }

    /// <summary>The retry pipeline's state, made only once a first attempt has failed.</summary>
    private sealed class Retries<TResult>(ApiPipeline pipeline, Call<TResult> call, Exception firstFailure)
    {
        private Exception? _firstFailure = firstFailure;
        private int _attempts = 1;

        /// <summary>The pipeline's attempts: first the failure that brought the call here, then real attempts.</summary>
        public ValueTask<TResult> NextAsync(CancellationToken cancellationToken)
        {
            if (_firstFailure is { } failure)
            {
                _firstFailure = null;
                return ValueTask.FromException<TResult>(failure);
            }

            return pipeline.AttemptAsync(call, ++_attempts, pipeline._settings.AttemptTimeout, cancellationToken);
        }
    }
}
