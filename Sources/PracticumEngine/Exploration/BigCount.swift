/// A whole number of any size, at least 0: how many paths lead through a case, which passes `UInt64.max`
/// after 41 layers of three choices.
///
/// Stored as 32-bit limbs, least significant first, with no zero limb at the top (zero has none), so two
/// equal numbers have equal limbs. Only what counting paths needs: adding, multiplying by a small number,
/// comparing and writing in decimal.
public struct BigCount: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The limbs, least significant first; empty for zero.
    private(set) var limbs: [UInt32]

    /// Zero.
    public static let zero = BigCount(0)

    /// The number `value`.
    public init(_ value: UInt64) {
        limbs = []
        var rest = value
        while rest > 0 {
            limbs.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        }
    }

    /// Whether the number is 0.
    public var isZero: Bool { limbs.isEmpty }

    /// The number as a `UInt64`, when it fits.
    public var exactValue: UInt64? {
        guard limbs.count <= 2 else { return nil }
        return limbs.enumerated().reduce(0) { $0 | UInt64($1.element) << (32 * UInt64($1.offset)) }
    }

    /// Adds `other` to this number.
    public mutating func add(_ other: BigCount) {
        if other.limbs.count > limbs.count {
            limbs.append(contentsOf: repeatElement(0, count: other.limbs.count - limbs.count))
        }
        var carry: UInt64 = 0
        for index in limbs.indices {
            guard index < other.limbs.count || carry != 0 else { break }
            let sum = UInt64(limbs[index]) + UInt64(index < other.limbs.count ? other.limbs[index] : 0) + carry
            limbs[index] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    /// The sum of two numbers.
    public static func + (lhs: BigCount, rhs: BigCount) -> BigCount {
        var sum = lhs
        sum.add(rhs)
        return sum
    }

    /// This number times `factor`.
    public func multiplied(by factor: UInt32) -> BigCount {
        guard factor != 0, !isZero else { return .zero }
        var product = BigCount(0)
        product.limbs.reserveCapacity(limbs.count + 1)
        var carry: UInt64 = 0
        for limb in limbs {
            let value = UInt64(limb) * UInt64(factor) + carry
            product.limbs.append(UInt32(truncatingIfNeeded: value))
            carry = value >> 32
        }
        if carry != 0 { product.limbs.append(UInt32(carry)) }
        return product
    }

    /// `base` to the power `exponent`, by repeated multiplication.
    public static func power(_ base: UInt32, _ exponent: Int) -> BigCount {
        (0..<max(0, exponent)).reduce(BigCount(1)) { result, _ in result.multiplied(by: base) }
    }

    public static func < (lhs: BigCount, rhs: BigCount) -> Bool {
        guard lhs.limbs.count == rhs.limbs.count else { return lhs.limbs.count < rhs.limbs.count }
        for index in lhs.limbs.indices.reversed() where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }

    /// The number in decimal, with no separators: repeated division by 10^9, nine digits at a time.
    public var description: String {
        guard !isZero else { return "0" }
        var rest = limbs
        var groups: [UInt32] = []
        while !rest.isEmpty {
            var remainder: UInt64 = 0
            for index in rest.indices.reversed() {
                let value = remainder << 32 | UInt64(rest[index])
                rest[index] = UInt32(value / 1_000_000_000)
                remainder = value % 1_000_000_000
            }
            groups.append(UInt32(remainder))
            while rest.last == 0 { rest.removeLast() }
        }
        var text = String(groups.removeLast())
        for group in groups.reversed() {
            let digits = String(group)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }

    /// How many decimal digits the number has (1 for zero).
    public var digitCount: Int { description.count }
}
