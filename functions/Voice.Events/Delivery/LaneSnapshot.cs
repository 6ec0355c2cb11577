using Azure.Data.Tables;

namespace Voice.Events.Delivery;

/// <summary>A lane's partition as read from storage.</summary>
/// <param name="Deliveries">Its deliveries, in sequence order.</param>
/// <param name="Undecodable">Rows that are not deliveries this engine can read, with the reason (they go to the poison table).</param>
/// <param name="Lease">Its lease row, if any.</param>
public sealed record LaneSnapshot(IReadOnlyList<PendingDelivery> Deliveries, IReadOnlyList<(TableEntity Row, string Problem)> Undecodable, LaneLease? Lease);
