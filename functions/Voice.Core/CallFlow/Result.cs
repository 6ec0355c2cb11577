using System.Diagnostics.CodeAnalysis;

namespace Voice.Core.CallFlow;

/// <summary>Either a value or an error; parsers return it instead of throwing on malformed input.</summary>
public readonly record struct Result<TValue, TError>
    where TValue : class
    where TError : class
{
    private Result(TValue? value, TError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when <see cref="IsSuccess"/>, otherwise null.</summary>
    public TValue? Value { get; }

    /// <summary>The error when not <see cref="IsSuccess"/>, otherwise null.</summary>
    public TError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    public static implicit operator Result<TValue, TError>(TValue value) => new(value, null);

    public static implicit operator Result<TValue, TError>(TError error) => new(null, error);
}
