namespace Voice.Events.Delivery;

/// <summary>Result of one delivery attempt.</summary>
/// <param name="Delivered">The endpoint answered 200–204 (Event Grid's success range).</param>
/// <param name="StatusCode">The HTTP status, or null when no response came (timeout, connection refused).</param>
/// <param name="Description">What happened, for logs and dead-letter records.</param>
/// <param name="Retriable">False for 400/401/403/413 and refused (SSRF) targets: dead-lettered at once.</param>
public readonly record struct DeliveryOutcome(bool Delivered, int? StatusCode, string Description, bool Retriable)
{
    private static readonly int[] NonRetriableStatusCodes = [400, 401, 403, 413];

    public static DeliveryOutcome FromStatus(int statusCode) =>
        statusCode is >= 200 and <= 204
            ? new(true, statusCode, "Delivered", false)
            : new(false, statusCode, $"HTTP {statusCode}", !NonRetriableStatusCodes.Contains(statusCode));

    /// <summary>The target's dialect has no webhook for this event: done, nothing sent.</summary>
    public static DeliveryOutcome NotSent { get; } = new(true, null, "Not sent: the dialect has no webhook for this event", false);

    public static DeliveryOutcome Failed(string description) => new(false, null, description, true);

    public static DeliveryOutcome Refused(string description) => new(false, null, description, false);
}
