using Azure;

namespace Voice.Events.Delivery;

/// <summary>
/// One instance's claim on a lane: the lease row of the lane's partition as last written or read. Every change to the
/// row is conditional on <see cref="ETag"/>; a publish by another instance touches the row (new ETag) so the owner's next
/// lease write fails and it re-reads the lane instead of releasing it with deliveries it has not seen.
/// </summary>
/// <param name="Partition">The lane's partition key in <c>webhookdeliveries</c>.</param>
/// <param name="Owner">Instance id of the holder; empty when released for takeover.</param>
/// <param name="ExpiresAt">After this, any instance may claim the lane.</param>
/// <param name="ETag">The row's ETag when this instance last wrote or read it.</param>
public sealed record LaneLease(string Partition, string Owner, DateTimeOffset ExpiresAt, ETag ETag);
