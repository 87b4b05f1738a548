// swift-tools-version:6.0
import PackageDescription

/// Layers, lowest first. A target depends only on targets listed above it:
/// C bridges, Data and Numerics, Models, Engine, Terminal, App, the executables.
let package = Package(
    name: "Cortexscope",
    products: [
        .executable(name: "cortexscope", targets: ["cortexscope"]),
        .executable(name: "cortexscope-bench", targets: ["cortexscope-bench"]),
    ],
    targets: [
        // C bridges to Debian's libraries. System-library targets install nothing:
        // the Makefile's `deps` step installs the -dev packages.
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .target(name: "CNCursesShim", dependencies: ["CNCurses"], path: "Sources/CNCursesShim"),
        .systemLibrary(name: "CMatio", path: "Sources/CMatio", pkgConfig: "matio"),
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", pkgConfig: "hdf5"),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng"),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG"),
        .systemLibrary(name: "CKissFFT", path: "Sources/CKissFFT"),
        // libpng and libjpeg report errors by longjmp, which Swift cannot catch.
        .target(
            name: "CImageShim", dependencies: ["CPNG", "CJPEG"], path: "Sources/CImageShim",
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg")]),

        .target(
            name: "Data",
            dependencies: [
                "CMatio", "CHDF5", "CZlib", "CPNG", "CJPEG", "COpenBLAS", "CImageShim",
                "CKissFFT",
            ]),
        .target(name: "Numerics", dependencies: ["COpenBLAS"]),
        .target(name: "Models", dependencies: ["Data", "Numerics"]),
        .target(name: "Engine", dependencies: ["Data", "Models"]),
        .target(name: "Terminal", dependencies: ["CNCurses", "CNCursesShim"]),
        .target(
            name: "App",
            dependencies: ["Data", "Models", "Engine", "Terminal"],
            resources: []
        ),
        .executableTarget(name: "cortexscope", dependencies: ["App"]),
        .executableTarget(
            name: "cortexscope-bench", dependencies: ["Data", "Numerics", "Models", "Engine"],
            swiftSettings: [.define("CORTEXSCOPE_BENCH_VAE")]),
        .executableTarget(name: "vae-timing", dependencies: ["Numerics", "Models"]),

        .testTarget(name: "DataTests", dependencies: ["Data"]),
        .testTarget(name: "NumericsTests", dependencies: ["Numerics"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Numerics", "Data"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal"], resources: [.copy("Golden")]),
        .testTarget(
            name: "AppTests", dependencies: ["App", "Terminal", "Data", "Engine", "Models", "Numerics"],
            exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: []),
    ],
    swiftLanguageModes: [.v6]
)
