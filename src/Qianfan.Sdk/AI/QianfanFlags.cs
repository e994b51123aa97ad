using Microsoft.Extensions.AI;
using Qianfan.Sdk.Core.AI;

namespace Qianfan.Sdk.AI;

/// <summary>
/// Qianfan's safety flags for M.E.AI's <c>AdditionalProperties</c>: <c>flag: 0</c> (the service's "nothing found",
/// which it may put on every chunk) alone reports nothing, so an ordinary reply has no extra properties.
/// </summary>
internal static class QianfanFlags
{
    public static AdditionalPropertiesDictionary? From(bool needClearHistory, int? banRound, int? flag) =>
        AIMapping.Flags(needClearHistory, banRound, flag is 0 && !needClearHistory && banRound is null ? null : flag);
}
