namespace Qianfan.Sdk.DashScope.Errors;

/// <summary>
/// A request broke one of DashScope's documented rules and was not sent. <see cref="ArgumentException.ParamName"/>
/// names the field as the body spells it (e.g. <c>parameters.temperature</c> or <c>input.messages[2].content</c>) and
/// the message states the rule, e.g. <c>parameters.temperature must be in [0, 2), was 2</c>.
/// </summary>
public sealed class DashScopeValidationException : ArgumentException
{
    private readonly string _rule;

    /// <summary>Creates an exception with no field named.</summary>
    public DashScopeValidationException()
        : this("The request is invalid.")
    {
    }

    /// <summary>Creates an exception with no field named.</summary>
    public DashScopeValidationException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no field named.</summary>
    public DashScopeValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        _rule = message;
    }

    /// <summary>Creates an exception naming the field and the rule it broke.</summary>
    public DashScopeValidationException(string message, string field)
        : base(message, field)
    {
        _rule = message;
    }

    /// <summary>The rule broken, naming the field; without the "(Parameter …)" suffix.</summary>
    public override string Message => _rule;
}
