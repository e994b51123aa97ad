namespace Qianfan.Sdk.Core.Tasks;

/// <summary>
/// Polls a background task until the platform says it has ended (its terminal states, in the service's own words),
/// reporting each state to the caller, bounded by a deadline and the caller's cancellation. The waits come from the
/// injected clock, so tests drive them with a fake one. The first wait is <see cref="TaskPollingOptions.Interval"/>;
/// each next one grows by <see cref="TaskPollingOptions.BackoffFactor"/> up to <see cref="TaskPollingOptions.MaxInterval"/>
/// (a factor below 1, or not a number, keeps the waits constant). A poll that would start past the timeout is not made.
/// </summary>
internal static class TaskPoller
{
    /// <summary>The shortest wait between two polls, whatever the options say: a zero wait would poll in a tight loop.</summary>
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>Polls until <paramref name="isFinished"/> says so and returns the last state.</summary>
    /// <param name="poll">One poll: asks the service for the task's state.</param>
    /// <param name="isFinished">Whether a state is terminal (succeeded, failed, cancelled …).</param>
    /// <param name="describe">The task for the timeout's message, e.g. <c>task 123 (last state PROCESSING)</c>.</param>
    /// <param name="options">How often to poll and how long to wait in all.</param>
    /// <param name="progress">Told each state as it comes, if given.</param>
    /// <param name="time">The clock the waits use.</param>
    /// <param name="cancellationToken">Stops the waiting (the task itself runs on at the service).</param>
    /// <exception cref="TimeoutException">The task had not ended within <see cref="TaskPollingOptions.Timeout"/>.</exception>
    public static async Task<T> PollAsync<T>(
        Func<CancellationToken, Task<T>> poll,
        Func<T, bool> isFinished,
        Func<T, string> describe,
        TaskPollingOptions options,
        IProgress<T>? progress,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = time.GetTimestamp();
        var interval = options.Interval > MinimumInterval ? options.Interval : MinimumInterval;
        var maxInterval = options.MaxInterval > interval ? options.MaxInterval : interval;
        var factor = double.IsFinite(options.BackoffFactor) && options.BackoffFactor > 1 ? options.BackoffFactor : 1;
        while (true)
        {
            var state = await poll(cancellationToken).ConfigureAwait(false);
            progress?.Report(state);
            if (isFinished(state))
            {
                return state;
            }

            var waited = time.GetElapsedTime(started);
            if (options.Timeout != Timeout.InfiniteTimeSpan && waited + interval > options.Timeout)
            {
                throw new TimeoutException($"{describe(state)} had not finished after {waited.TotalSeconds:0.#} s (the task polling timeout is {options.Timeout.TotalSeconds:0.#} s).");
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);

            // Grown in milliseconds as a double, so a large factor caps at the longest wait instead of overflowing.
            var next = interval.TotalMilliseconds * factor;
            interval = next < maxInterval.TotalMilliseconds ? TimeSpan.FromMilliseconds(next) : maxInterval;
        }
    }
}
