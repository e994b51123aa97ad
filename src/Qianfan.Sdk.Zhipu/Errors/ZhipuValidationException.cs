namespace Qianfan.Sdk.Zhipu.Errors;

/// <summary>
/// A request broke one of the service's documented rules and was not sent. <see cref="ArgumentException.ParamName"/>
/// names the field as the service spells it (e.g. <c>temperature</c> or <c>messages[2].content</c>) and the message
/// states the rule, e.g. <c>temperature must be in [0, 1] with at most two decimals, was 1.5</c>. The SDK never
/// adjusts a value to fit: what you set is what is sent, or nothing is.
/// </summary>
public sealed class ZhipuValidationException : ArgumentException
{
    private readonly string _rule;

    /// <summary>Creates an exception with no field named.</summary>
    public ZhipuValidationException()
        : this("The request is invalid.")
    {
    }

    /// <summary>Creates an exception with no field named.</summary>
    public ZhipuValidationException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with no field named.</summary>
    public ZhipuValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        _rule = message;
    }

    /// <summary>Creates an exception naming the field and the rule it broke.</summary>
    public ZhipuValidationException(string message, string field)
        : base(message, field)
    {
        _rule = message;
    }

    /// <summary>The rule broken, naming the field; without the "(Parameter …)" suffix.</summary>
    public override string Message => _rule;
}
