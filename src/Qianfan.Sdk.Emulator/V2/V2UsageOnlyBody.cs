using Qianfan.Sdk.Emulator.Serialization;

namespace Qianfan.Sdk.Emulator.V2;

/// <summary>The barest usage tail a gateway sends: <c>{"usage":{…}}</c>, with no id, model or choices.</summary>
internal sealed record V2UsageOnlyBody(UsageBody Usage);
