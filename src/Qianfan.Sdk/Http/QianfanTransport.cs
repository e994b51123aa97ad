using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Http;

/// <summary>
/// Sends one call through the client's pipeline: the overall timeout, the retry policy, the client-side rate limits,
/// the credentials (a token the service rejects is dropped, renewed and the request repeated exactly once) and the
/// per-attempt timeout. One per API (V1, V2); the retry policy and the limits are shared by the client's transports.
/// </summary>
internal sealed partial class QianfanTransport
{
    private readonly HttpClient _http;
    private readonly IRequestAuthorizer _authorizer;
    private readonly ILogger _logger;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeSpan _overallTimeout;
    private readonly ResiliencePipeline _retry;
    private readonly ClientRateLimiter? _limiter;

    public QianfanTransport(HttpClient http, IRequestAuthorizer authorizer, ResiliencePipeline retry, ClientRateLimiter? limiter, QianfanOptions options, ILogger logger)
    {
        _http = http;
        _authorizer = authorizer;
        _retry = retry;
        _limiter = limiter;
        _logger = logger;
        _attemptTimeout = options.Timeout;
        _overallTimeout = options.Retry.OverallTimeout;
    }

    /// <summary>Counts the tokens a call used against the client-side TPM limit.</summary>
    public void RecordUsage(int totalTokens) => _limiter?.RecordTokens(totalTokens);

    /// <summary>
    /// Posts <paramref name="body"/> to <paramref name="url"/> (named <paramref name="operation"/> in logs, never with
    /// credentials) and hands each answer to
    /// <paramref name="read"/>, which owns (and disposes) the response. <paramref name="read"/> gets the attempt's
    /// token (cancelled by the per-attempt and overall timeouts) and the caller's own token.
    /// </summary>
    public async Task<T> SendAsync<T>(
        string url,
        string operation,
        byte[] body,
        bool stream,
        Func<HttpResponseMessage, CancellationToken, CancellationToken, ValueTask<T>> read,
        CancellationToken cancellationToken)
    {
        var call = new Call<T>(this, url, operation, body, stream, read, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // The first attempt runs outside the retry pipeline, so a call that succeeds pays nothing for it; a
            // transient failure hands over to the pipeline, which replays it as its own first outcome.
            try
            {
                return await AttemptAsync(call, _attemptTimeout < _overallTimeout ? _attemptTimeout : _overallTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (_retry != ResiliencePipeline.Empty && !cancellationToken.IsCancellationRequested && RetryPolicy.IsTransient(ex))
            {
                call.FirstFailure = ex;
            }

            var remaining = _overallTimeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw OverallTimeout(operation, call.FirstFailure);
            }

            using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            overall.CancelAfter(remaining);
            var context = ResilienceContextPool.Shared.Get(overall.Token);
            context.Properties.Set(RetryPolicy.OperationKey, operation);
            try
            {
                return await _retry.ExecuteAsync(static (ctx, c) => c.Transport.RetryAsync(c, ctx.CancellationToken), context, call).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && overall.IsCancellationRequested)
            {
                throw OverallTimeout(operation, ex);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
        {
            // Report the caller's own token, as HttpClient does, not the SDK's linked one.
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
    }

    private TimeoutException OverallTimeout(string operation, Exception? inner) =>
        new($"The call to {operation} did not succeed within the overall timeout of {_overallTimeout.TotalSeconds:0.###} s.", inner);

    /// <summary>The pipeline's attempts: first the failure that brought the call here, then real attempts.</summary>
    private ValueTask<T> RetryAsync<T>(Call<T> call, CancellationToken cancellationToken)
    {
        if (call.FirstFailure is { } failure)
        {
            call.FirstFailure = null;
            return ValueTask.FromException<T>(failure);
        }

        return AttemptAsync(call, _attemptTimeout, cancellationToken);
    }

    /// <summary>
    /// One attempt, bounded by <paramref name="timeout"/>: getting the credentials, then (after the client-side limit,
    /// which restarts the clock) the send and the answer. A rejected token is renewed and the request repeated once.
    /// </summary>
    private async ValueTask<T> AttemptAsync<T>(Call<T> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            for (var repeat = 1; ; repeat++)
            {
                attempt.CancelAfter(timeout);

                // The request is built before the limiter's wait so a signature's clock starts when the token is ready.
                using var request = new HttpRequestMessage(HttpMethod.Post, (Uri?)null);
                var token = await _authorizer.AuthorizeAsync(request, call.Url, attempt.Token).ConfigureAwait(false);
                if (_limiter is not null)
                {
                    await _limiter.WaitAsync(attempt.Token).ConfigureAwait(false);
                    attempt.CancelAfter(timeout);
                }

                try
                {
                    return await SendOnceAsync(call, request, attempt.Token).ConfigureAwait(false);
                }
                catch (QianfanException ex) when (repeat == 1 && token is not null && _authorizer.IsRejected(ex))
                {
                    LogTokenRejected(_logger, ex.ErrorCode ?? (int?)ex.StatusCode, call.Operation);
                    _authorizer.Reject(token);
                }
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attempt.IsCancellationRequested)
        {
            throw new TimeoutException($"{call.Operation} did not answer within {timeout.TotalSeconds:0.###} s.", ex);
        }
    }

    private async ValueTask<T> SendOnceAsync<T>(Call<T> call, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The URL may carry a token, so it is never logged; the operation is.
        var content = new ByteArrayContent(call.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content = content;

        var started = Stopwatch.GetTimestamp();
        LogSending(_logger, call.Operation, call.Stream, ++call.Attempts);
        var response = await _http.SendAsync(
            request,
            call.Stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogAnswered(_logger, call.Operation, (int)response.StatusCode, elapsedMs);
        }

        try
        {
            return await call.Read(response, cancellationToken, call.CallerToken).ConfigureAwait(false);
        }
        catch (QianfanException ex)
        {
            LogFailed(_logger, call.Operation, ex.ErrorCode, ex.ErrorName, ex.ErrorMessage);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "POST {Operation} (stream: {Stream}, attempt {Attempt})")]
    private static partial void LogSending(ILogger logger, string operation, bool stream, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Operation} answered HTTP {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string operation, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} failed with error {ErrorCode}{ErrorName}: {ErrorMessage}")]
    private static partial void LogFailed(ILogger logger, string operation, int? errorCode, string? errorName, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "The service rejected the token (error {ErrorCode}) on {Operation}; getting a new one and repeating once")]
    private static partial void LogTokenRejected(ILogger logger, int? errorCode, string operation);

    /// <summary>What one call sends, carried through the retry pipeline without a closure.</summary>
    private sealed class Call<T>(
        QianfanTransport transport,
        string url,
        string operation,
        byte[] body,
        bool stream,
        Func<HttpResponseMessage, CancellationToken, CancellationToken, ValueTask<T>> read,
        CancellationToken callerToken)
    {
        public QianfanTransport Transport { get; } = transport;

        public string Url { get; } = url;

        public string Operation { get; } = operation;

        public byte[] Body { get; } = body;

        public bool Stream { get; } = stream;

        public Func<HttpResponseMessage, CancellationToken, CancellationToken, ValueTask<T>> Read { get; } = read;

        public CancellationToken CallerToken { get; } = callerToken;

        /// <summary>The first attempt's transient failure, replayed to the retry pipeline.</summary>
        public Exception? FirstFailure { get; set; }

        /// <summary>Requests sent so far, retries and token repeats included.</summary>
        public int Attempts { get; set; }
    }
}
