import PracticumEngine
import Testing

@Suite("Whole numbers of any size for path counts")
struct BigCountTests {
    @Test func zeroAndSmallNumbers() {
        #expect(BigCount.zero.description == "0")
        #expect(BigCount.zero.isZero)
        #expect(BigCount(0) == .zero)
        #expect(BigCount(7).description == "7")
        #expect(BigCount(1_000_000_000).description == "1000000000")
        #expect(BigCount(UInt64.max).description == "18446744073709551615")
        #expect(BigCount(UInt64.max).exactValue == UInt64.max)
        #expect(BigCount(5).multiplied(by: 0) == .zero)
        #expect(BigCount.zero.multiplied(by: 9) == .zero)
    }

    @Test func threeToTheFiftieth() {
        #expect(BigCount.power(3, 50).description == "717897987691852588770249")
        #expect(BigCount.power(3, 0).description == "1")
        #expect(BigCount.power(2, 64).description == "18446744073709551616")
        #expect(BigCount.power(10, 30).description == "1" + String(repeating: "0", count: 30))
        #expect(BigCount.power(3, 50).exactValue == nil)
    }

    @Test func additionCarriesAcrossLimbs() {
        var sum = BigCount(UInt64(UInt32.max))
        sum.add(BigCount(1))
        #expect(sum.description == "4294967296")
        #expect((BigCount(UInt64.max) + BigCount(1)).description == "18446744073709551616")
        // A carry that runs through every limb.
        let big = BigCount.power(2, 128) + BigCount.power(2, 128)
        #expect(big == BigCount.power(2, 129))
        #expect(big.description == "680564733841876926926749214863536422912")
        // Adding a longer number to a shorter one, and zero to anything.
        #expect((BigCount(1) + BigCount.power(10, 20)).description == "100000000000000000001")
        #expect((BigCount.power(3, 50) + .zero) == BigCount.power(3, 50))
    }

    @Test func decimalGroupsKeepTheirZeros() {
        // 10^18 + 7: the low group of nine digits is 000000007.
        #expect((BigCount.power(10, 18) + BigCount(7)).description == "1000000000000000007")
    }

    @Test func ordering() {
        #expect(BigCount(3) < BigCount(4))
        #expect(BigCount(UInt64.max) < BigCount.power(2, 64))
        #expect(!(BigCount.power(3, 50) < BigCount.power(3, 50)))
        #expect(BigCount.power(3, 50) < BigCount.power(3, 51))
    }
}
