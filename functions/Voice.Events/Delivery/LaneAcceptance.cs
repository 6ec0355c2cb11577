namespace Voice.Events.Delivery;

/// <summary>What <see cref="DeliveryStore.AcceptAsync"/> stored for one lane.</summary>
/// <param name="Inserted">The deliveries stored now (not those a repeated publish found stored already).</param>
/// <param name="Claimed">The lane's lease when this call claimed it; null when another instance holds the lane.</param>
public sealed record LaneAcceptance(IReadOnlyList<PendingDelivery> Inserted, LaneLease? Claimed);
