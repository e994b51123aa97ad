using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Http;

/// <summary>
/// Sends one V1 call through the client's pipeline: the overall timeout, the retry policy, the client-side rate
/// limits, the access token (on 110/111 dropped, renewed and the request repeated exactly once) and the per-attempt
/// timeout.
/// </summary>
internal sealed partial class QianfanTransport : IDisposable
{
    private const string ChatPath = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/";

    private readonly HttpClient _http;
    private readonly IAccessTokenProvider _tokens;
    private readonly ILogger _logger;
    private readonly string _chatBase;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeSpan _overallTimeout;
    private readonly ResiliencePipeline _retry;
    private readonly ClientRateLimiter? _limiter;

    public QianfanTransport(HttpClient http, QianfanOptions options, IAccessTokenProvider tokens, TimeProvider time, ILogger logger)
    {
        _http = http;
        _tokens = tokens;
        _logger = logger;
        _attemptTimeout = options.Timeout;
        _overallTimeout = options.Retry.OverallTimeout;
        _chatBase = options.BaseUrl.AbsoluteUri.TrimEnd('/') + ChatPath;
        _retry = RetryPolicy.Create(options.Retry, time, logger);
        _limiter = ClientRateLimiter.Create(options.RateLimits, time);
    }

    /// <summary>Counts the tokens a call used against the client-side TPM limit.</summary>
    public void RecordUsage(int totalTokens) => _limiter?.RecordTokens(totalTokens);

    /// <summary>
    /// Posts <paramref name="body"/> to the chat <paramref name="endpoint"/> and hands each answer to
    /// <paramref name="read"/>, which owns (and disposes) the response. <paramref name="read"/> gets the attempt's
    /// token (cancelled by the per-attempt and overall timeouts) and the caller's own token.
    /// </summary>
    public async Task<T> SendChatAsync<T>(
        string endpoint,
        byte[] body,
        bool stream,
        Func<HttpResponseMessage, CancellationToken, CancellationToken, ValueTask<T>> read,
        CancellationToken cancellationToken)
    {
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(_overallTimeout);
        var call = new Call<T>(this, endpoint, body, stream, read, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(overall.Token);
        context.Properties.Set(RetryPolicy.EndpointKey, endpoint);
        try
        {
            return await _retry.ExecuteAsync(static (ctx, c) => c.Transport.AttemptAsync(c, ctx.CancellationToken), context, call).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && overall.IsCancellationRequested)
        {
            throw new TimeoutException($"The call to chat/{endpoint} did not succeed within the overall timeout of {_overallTimeout.TotalSeconds:0.###} s.", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<T> AttemptAsync<T>(Call<T> call, CancellationToken cancellationToken)
    {
        for (var repeat = 1; ; repeat++)
        {
            var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            if (_limiter is not null)
            {
                await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(_attemptTimeout);
            try
            {
                return await SendOnceAsync(call, token, attempt.Token).ConfigureAwait(false);
            }
            catch (QianfanException ex) when (repeat == 1 && QianfanErrorCodes.IsTokenRejected(ex.ErrorCode))
            {
                LogTokenRejected(_logger, ex.ErrorCode!.Value, call.Endpoint);
                _tokens.Invalidate(token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attempt.IsCancellationRequested)
            {
                throw new TimeoutException($"chat/{call.Endpoint} did not answer within {_attemptTimeout.TotalSeconds:0.###} s.", ex);
            }
        }
    }

    private async ValueTask<T> SendOnceAsync<T>(Call<T> call, string token, CancellationToken cancellationToken)
    {
        // The URL carries the token, so it is never logged; the endpoint is.
        using var request = new HttpRequestMessage(HttpMethod.Post, string.Concat(_chatBase, call.Endpoint, "?access_token=", Uri.EscapeDataString(token)));
        var content = new ByteArrayContent(call.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content = content;

        var started = Stopwatch.GetTimestamp();
        LogSending(_logger, call.Endpoint, call.Stream, ++call.Attempts);
        var response = await _http.SendAsync(
            request,
            call.Stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogAnswered(_logger, call.Endpoint, (int)response.StatusCode, elapsedMs);
        }

        try
        {
            return await call.Read(response, cancellationToken, call.CallerToken).ConfigureAwait(false);
        }
        catch (QianfanException ex)
        {
            LogFailed(_logger, call.Endpoint, ex.ErrorCode, ex.ErrorMessage);
            throw;
        }
    }

    public void Dispose() => _limiter?.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "POST chat/{Endpoint} (stream: {Stream}, attempt {Attempt})")]
    private static partial void LogSending(ILogger logger, string endpoint, bool stream, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "chat/{Endpoint} answered HTTP {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string endpoint, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "chat/{Endpoint} failed with error {ErrorCode}: {ErrorMessage}")]
    private static partial void LogFailed(ILogger logger, string endpoint, int? errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "The service rejected the access token (error {ErrorCode}) on chat/{Endpoint}; getting a new one and repeating once")]
    private static partial void LogTokenRejected(ILogger logger, int errorCode, string endpoint);

    /// <summary>What one call sends, carried through the retry pipeline without a closure.</summary>
    private sealed class Call<T>(
        QianfanTransport transport,
        string endpoint,
        byte[] body,
        bool stream,
        Func<HttpResponseMessage, CancellationToken, CancellationToken, ValueTask<T>> read,
        CancellationToken callerToken)
    {
        public QianfanTransport Transport { get; } = transport;

        public string Endpoint { get; } = endpoint;

        public byte[] Body { get; } = body;

        public bool Stream { get; } = stream;

        public Func<HttpResponseMessage, CancellationToken, CancellationToken, ValueTask<T>> Read { get; } = read;

        public CancellationToken CallerToken { get; } = callerToken;

        /// <summary>Requests sent so far, retries and token repeats included.</summary>
        public int Attempts { get; set; }
    }
}
