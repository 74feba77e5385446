import Dispatch

extension Collection {
    /// `map(transform)`, the elements transformed on every core at once: the results come in the collection's
    /// order, as `map` gives them. For work whose elements share nothing mutable (judging attempt files,
    /// simulating policies): `transform` runs on several threads at once.
    public func concurrentMap<T>(_ transform: (Element) -> T) -> [T] {
        let elements = Array(self)
        var results = [T?](repeating: nil, count: elements.count)
        results.withUnsafeMutableBufferPointer { buffer in
            withoutActuallyEscaping(transform) { transform in
                let work = ConcurrentWork(elements: elements, transform: transform, results: buffer)
                DispatchQueue.concurrentPerform(iterations: elements.count) { work.run($0) }
            }
        }
        return results.map { $0! }
    }
}

/// What `concurrentMap`'s threads share: the elements and the transform, read only, and the results, of which
/// each iteration writes its own slot and no other, so no lock is needed (the caller promises that the
/// transform shares nothing mutable).
private struct ConcurrentWork<Element, T>: @unchecked Sendable {
    let elements: [Element]
    let transform: (Element) -> T
    let results: UnsafeMutableBufferPointer<T?>

    func run(_ index: Int) {
        results[index] = transform(elements[index])
    }
}
