namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// A submitted asynchronous chat task, its state a function of the emulator's clock: <c>PROCESSING</c> for
/// <see cref="ProcessingTime"/> after submission, then <c>SUCCESS</c> with its answer (decided when it was submitted),
/// or <c>FAIL</c> when it was made to fail (<see cref="ZhipuScenarios.FailNextTasks"/>, <see cref="ZhipuScenarios.TaskFailTrigger"/>).
/// </summary>
internal sealed class GlmTask(string id, DateTimeOffset submitted, TimeSpan processingTime, GlmAnswer answer, bool fails)
{
    public const string Processing = "PROCESSING";
    public const string Success = "SUCCESS";
    public const string Fail = "FAIL";

    public string Id { get; } = id;

    public DateTimeOffset Submitted { get; } = submitted;

    public TimeSpan ProcessingTime { get; } = processingTime;

    public GlmAnswer Answer { get; } = answer;

    public bool Fails { get; } = fails;

    /// <summary>The state at <paramref name="now"/>, in the service's words.</summary>
    public string StatusAt(DateTimeOffset now) => now < Submitted + ProcessingTime ? Processing : Fails ? Fail : Success;
}
