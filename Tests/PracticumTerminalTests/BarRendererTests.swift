import PracticumTerminal
import Testing

@Suite struct BarRendererTests {
    @Test(arguments: [
        (0.5, 10, "█████░░░░░"),
        (0.0, 4, "░░░░"),
        (1.0, 4, "████"),
        (0.26, 4, "█░░░"),
        (0.375, 4, "██░░"),  // 1.5 columns rounds up
        (0.1, 4, "░░░░"),  // 0.4 of a column rounds down
        (1.5, 4, "████"),
        (-0.2, 4, "░░░░"),
        (Double.nan, 4, "░░░░"),
        (Double.infinity, 3, "███"),
        (-Double.infinity, 3, "░░░"),
        (0.5, 0, ""),
        (0.5, -3, ""),
    ])
    func drawsClampedBlockBars(fraction: Double, width: Int, expected: String) {
        #expect(BarRenderer().bar(fraction: fraction, width: width) == expected)
    }

    @Test(arguments: [(0.5, "#####-----"), (0.0, "----------"), (2.0, "##########"), (Double.nan, "----------")])
    func drawsAsciiBars(fraction: Double, expected: String) {
        #expect(BarRenderer(glyphs: .ascii).bar(fraction: fraction, width: 10) == expected)
    }

    @Test(arguments: [0.0, 0.13, 0.5, 0.77, 1.0])
    func alwaysFillsTheWholeWidth(fraction: Double) {
        #expect(BarRenderer().bar(fraction: fraction, width: 17).count == 17)
        #expect(displayWidth(of: BarRenderer(glyphs: .ascii).bar(fraction: fraction, width: 17)) == 17)
    }
}
