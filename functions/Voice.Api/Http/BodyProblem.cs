namespace Voice.Api.Http;

/// <summary>Why a JSON request body was refused (<see cref="JsonRequestBody"/>); each dialect maps it to its error.</summary>
public enum BodyProblem
{
    /// <summary>Larger than <see cref="JsonRequestBody.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>A content type other than <c>application/json</c>.</summary>
    NotJson,

    /// <summary>Empty when required, not well-formed JSON, or not an object.</summary>
    Malformed,
}
