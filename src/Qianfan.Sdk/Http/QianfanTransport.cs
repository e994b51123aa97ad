using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
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
    private readonly HttpMessageInvoker _http;
    private readonly IRequestAuthorizer _authorizer;
    private readonly ILogger _logger;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeSpan _overallTimeout;
    private readonly ResiliencePipeline _retry;
    private readonly ClientRateLimiter? _limiter;

    // Timeout sources are reused only on the SDK's own handler, which is known to let go of a token once the answer is
    // back; handlers in a caller's HttpClient might keep one.
    private readonly TimeoutSourcePool? _timeoutSources;

    public QianfanTransport(HttpMessageInvoker http, IRequestAuthorizer authorizer, ResiliencePipeline retry, ClientRateLimiter? limiter, QianfanOptions options, ILogger logger)
    {
        _http = http;
        _authorizer = authorizer;
        _retry = retry;
        _limiter = limiter;
        _logger = logger;
        _attemptTimeout = options.Timeout;
        _overallTimeout = options.Retry.OverallTimeout;
        _timeoutSources = http is HttpClient ? null : TimeoutSourcePool.Shared;
    }

    /// <summary>Counts the tokens a call used against the client-side TPM limit.</summary>
    public void RecordUsage(int totalTokens) => _limiter?.RecordTokens(totalTokens);

    /// <summary>
    /// Posts <paramref name="body"/> to <paramref name="url"/> (named <paramref name="operation"/> in logs, never with
    /// credentials) and hands each answer to <paramref name="read"/>, which owns (and disposes) the response.
    /// <paramref name="read"/> gets the attempt's token (cancelled by the per-attempt and overall timeouts) and the
    /// caller's own token. The result is awaited once, by the chat client.
    /// </summary>
    public ValueTask<T> SendAsync<T>(
        string url,
        string operation,
        byte[] body,
        bool stream,
        Func<HttpResponseMessage, CancellationToken, CancellationToken, ValueTask<T>> read,
        CancellationToken cancellationToken) =>
        AttemptAsync(
            new Call<T>(url, operation, body, stream, read, cancellationToken),
            attempt: 1,
            _attemptTimeout < _overallTimeout ? _attemptTimeout : _overallTimeout,
            cancellationToken);

    /// <summary>
    /// One attempt, bounded by <paramref name="timeout"/>: getting the credentials, then (after the client-side limit,
    /// which restarts the clock) the send and the answer. A rejected token is renewed and the request repeated once.
    /// The first attempt runs outside the retry pipeline, so a call that succeeds pays nothing for it; its transient
    /// failure hands over to the pipeline, which replays it as its own first outcome. Pooled: every call runs this
    /// method, and its state machine would otherwise be a new object each time.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<T> AttemptAsync<T>(Call<T> call, int attempt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var source = _timeoutSources?.Rent() ?? new CancellationTokenSource();
            var armed = started;
            var link = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source)
                : default;
            try
            {
                for (var repeat = 1; ; repeat++)
                {
                    source.CancelAfter(timeout);
                    armed = Stopwatch.GetTimestamp();

                    // The request is built before the limiter's wait so a signature's clock starts when the token is ready.
                    using var request = new HttpRequestMessage(HttpMethod.Post, (Uri?)null);
                    var token = await _authorizer.AuthorizeAsync(request, call.Url, source.Token).ConfigureAwait(false);
                    if (_limiter is not null)
                    {
                        await _limiter.WaitAsync(source.Token).ConfigureAwait(false);
                        source.CancelAfter(timeout);
                        armed = Stopwatch.GetTimestamp();
                    }

                    // The URL may carry a token, so it is never logged; the operation is.
                    var content = new ByteArrayContent(call.Body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    request.Content = content;

                    var sent = Stopwatch.GetTimestamp();
                    LogSending(_logger, call.Operation, call.Stream, attempt);
                    var response = await (_http is HttpClient client
                        ? client.SendAsync(request, call.Stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, source.Token)
                        : _http.SendAsync(request, source.Token)).ConfigureAwait(false);
                    if (_logger.IsEnabled(LogLevel.Debug))
                    {
                        var elapsedMs = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                        LogAnswered(_logger, call.Operation, (int)response.StatusCode, elapsedMs);
                    }

                    try
                    {
                        return await call.Read(response, source.Token, call.CallerToken).ConfigureAwait(false);
                    }
                    catch (QianfanException ex)
                    {
                        LogFailed(_logger, call.Operation, ex.ErrorCode, ex.ErrorName, ex.ErrorMessage);
                        if (repeat > 1 || token is null || !_authorizer.IsRejected(ex))
                        {
                            throw;
                        }

                        LogTokenRejected(_logger, ex.ErrorCode ?? (int?)ex.StatusCode, call.Operation);
                        _authorizer.Reject(token);
                    }
                }
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && source.IsCancellationRequested)
            {
                throw new TimeoutException($"{call.Operation} did not answer within {timeout.TotalSeconds:0.###} s.", ex);
            }
            finally
            {
                link.Dispose();
                if (_timeoutSources is null)
                {
                    source.Dispose();
                }
                else
                {
                    _timeoutSources.Return(source, timeout - Stopwatch.GetElapsedTime(armed));
                }
            }
        }
        catch (Exception ex) when (attempt == 1 && _retry != ResiliencePipeline.Empty && !cancellationToken.IsCancellationRequested && RetryPolicy.IsTransient(ex))
        {
            return await RetryAsync(call, ex, _overallTimeout - Stopwatch.GetElapsedTime(started)).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (attempt == 1 && IsCallerCancellation(ex, cancellationToken))
        {
            throw CallerCancelled(ex, cancellationToken);
        }
    }

    /// <summary>Runs the retry pipeline after the first attempt failed with <paramref name="failure"/>, within <paramref name="remaining"/>.</summary>
    private async Task<T> RetryAsync<T>(Call<T> call, Exception failure, TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero)
        {
            throw OverallTimeout(call.Operation, failure);
        }

        var cancellationToken = call.CallerToken;
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(remaining);
        var context = ResilienceContextPool.Shared.Get(overall.Token);
        context.Properties.Set(RetryPolicy.OperationKey, call.Operation);
        try
        {
            return await _retry.ExecuteAsync(static (ctx, r) => r.NextAsync(ctx.CancellationToken), context, new Retries<T>(this, call, failure)).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && overall.IsCancellationRequested)
        {
            throw OverallTimeout(call.Operation, ex);
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

    private static bool IsCallerCancellation(OperationCanceledException ex, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken;

    /// <summary>Reports the caller's own token, as HttpClient does, not the SDK's linked one.</summary>
    private static OperationCanceledException CallerCancelled(OperationCanceledException ex, CancellationToken cancellationToken) =>
        new(ex.Message, ex, cancellationToken);

    private TimeoutException OverallTimeout(string operation, Exception? inner) =>
        new($"The call to {operation} did not succeed within the overall timeout of {_overallTimeout.TotalSeconds:0.###} s.", inner);

    [LoggerMessage(Level = LogLevel.Debug, Message = "POST {Operation} (stream: {Stream}, attempt {Attempt})")]
    private static partial void LogSending(ILogger logger, string operation, bool stream, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Operation} answered HTTP {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string operation, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} failed with error {ErrorCode}{ErrorName}: {ErrorMessage}")]
    private static partial void LogFailed(ILogger logger, string operation, int? errorCode, string? errorName, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "The service rejected the token (error {ErrorCode}) on {Operation}; getting a new one and repeating once")]
    private static partial void LogTokenRejected(ILogger logger, int? errorCode, string operation);

    /// <summary>What one call sends; a struct, so a call that succeeds at once allocates nothing for it.</summary>
    private readonly struct Call<T>(
        string url,
        string operation,
        byte[] body,
        bool stream,
        Func<HttpResponseMessage, CancellationToken, CancellationToken, ValueTask<T>> read,
        CancellationToken callerToken)
    {
        public string Url { get; } = url;

        public string Operation { get; } = operation;

        public byte[] Body { get; } = body;

        public bool Stream { get; } = stream;

        public Func<HttpResponseMessage, CancellationToken, CancellationToken, ValueTask<T>> Read { get; } = read;

        public CancellationToken CallerToken { get; } = callerToken;
    }

    /// <summary>The retry pipeline's state, made only once a first attempt has failed.</summary>
    private sealed class Retries<T>(QianfanTransport transport, Call<T> call, Exception firstFailure)
    {
        private Exception? _firstFailure = firstFailure;
        private int _attempts = 1;

        /// <summary>The pipeline's attempts: first the failure that brought the call here, then real attempts.</summary>
        public ValueTask<T> NextAsync(CancellationToken cancellationToken)
        {
            if (_firstFailure is { } failure)
            {
                _firstFailure = null;
                return ValueTask.FromException<T>(failure);
            }

            return transport.AttemptAsync(call, ++_attempts, transport._attemptTimeout, cancellationToken);
        }
    }
}
